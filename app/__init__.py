"""Relais core: domain, storage, services and commands. Never imports Qt widgets."""

__version__ = "0.1.0"
