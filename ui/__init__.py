"""Relais's Qt interface: widgets, item models, dialogs. Reaches data only through ``app``."""
