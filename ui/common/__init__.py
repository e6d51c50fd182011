"""What every view shares: the theme, the texts and icons, translation loading, and the lanes
that run work off the GUI thread."""
