"""The connector service beside the centre (``relais connectors serve``): headless, it reads the
channels and hands what arrives to the centre through ``app.ingest``."""
