from django.dispatch import Signal

# Sent with `comment=` and `reason=` inside the transaction that holds a new comment back as
# likely spam; the moderation app files it in the site moderators' queue as well.
comment_held_as_spam = Signal()
