from django.dispatch import Signal

# Sent with `work=` after a transaction that created or changed a work commits. Tags, search and
# analysis listen here, so the works app never imports them.
work_saved = Signal()

# Sent with `series=` and `work=` after a work joins a series (subscribers hear of it).
series_work_added = Signal()

# Sent with `user=`, `work=` and `position=` (the chapter) when a logged-in reader opens a work
# or one of its chapters; the reader's history listens, buffered, so reading never waits.
work_read = Signal()
