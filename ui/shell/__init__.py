"""The window that hosts the perspectives: its frame, menus and status bar, connecting to a
centre, help, and the sync status every perspective shares."""
