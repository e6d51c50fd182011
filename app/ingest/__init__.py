"""Contacts arriving from the channels: each connector (IMAP, webhooks, telephony, letters, the
``relais ingest`` command) turns what it read into an ``Inbound`` and hands it to
``receive``, which stores it on the centre by the centre's rules."""
