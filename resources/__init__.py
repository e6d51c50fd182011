"""Data files installed with Relais: icons, translations, the default templates and reason codes."""
