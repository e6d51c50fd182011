"""Services the interface calls, each in a worker thread: they open their own sessions and
return frozen values from ``app.dto``."""
