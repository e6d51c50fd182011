"""Workstation ↔ centre synchronisation: push the outbox, pull the change log, check, repeat.

``engine`` runs one cycle at a time and knows nothing of threads or Qt; the interface runs it on a
thread of its own, the command line once (``relais sync --once``).
"""
