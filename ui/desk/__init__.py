"""The advisor's desk: the queue, the open contact with its thread and reply, the customer pane
with the history, and the close dialog with the self-assessment."""
