from django.dispatch import Signal

# Sent with `work=` after a transaction that created or changed a work commits. Tags, search and
# analysis listen here, so the works app never imports them.
work_saved = Signal()

# Sent with `work=` and `reason=` inside the transaction that holds a new work back for a
# moderator (a publish check flagged it); the moderation app files it in its queue.
work_held = Signal()

# Sent with `work=` inside the transaction that changed who may see a work (hidden by an admin,
# restricted or not) or who it names as its creator (anonymous or not), so listings, counts and
# creator searches follow at once, whether or not jobs run.
work_visibility_changed = Signal()

# Sent with `series=` and `work=` after a work joins a series (subscribers hear of it).
series_work_added = Signal()

# Sent with `work=`, `request=`, `position=` (the chapter shown) and `chosen=` (False when the
# reader opened the work's own page, not a chapter they picked) when a reader opens a work or one
# of its chapters: hits (responses) and the reader's history (library) listen, both buffered,
# so the reading view never waits on a counter or a history write.
work_read = Signal()
