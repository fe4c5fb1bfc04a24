"""Notifications: inbox rows and e-mails through the job queue.

Any app above `works` tells a user something with one call, inside its own transaction:

    from fanshelf.inbox.services import notification_send

    notification_send(
        recipient=user,            # accounts.User
        kind="comment",            # a kind registered with inbox.kinds.register_kind
        subject="reader left a comment on “Title”",
        body_html="<p>…</p>",      # optional; cleaned by the one sanitizer before it is stored
        url="/works/1/comments/5/",  # where the notification leads (optional)
        work=work,                 # optional: the row (and its e-mail) is shown only while the
                                   #   recipient may open this work (works.selectors.visibility_q)
        target=comment,            # optional: any model instance; notifications_withdraw(target=)
                                   #   removes the rows about it (a deleted comment, say)
        actor=user_or_None,        # who caused it; a guest is actor=None, actor_name="Name"
        actor_name="",
        reply_url="",              # optional: the inbox shows a reply box posting `content` here
        digest=False,              # True: collected into one daily e-mail instead of one each
        in_inbox=True,             # False: e-mail only (kudos digests, copies of one's own comment)
    )

The row is written at once; its e-mail is queued after the caller's transaction commits, and only
when the recipient's e-mail preference for that kind is on (`preferences_for`). E-mail jobs claim
a row before sending, so a job that runs twice sends once.

Kinds are registered from the sending app's AppConfig.ready():

    register_kind("comment", preference="comment_emails",
                  label="E-mail me comments on my works and replies to my comments")

Several kinds may share one preference; the preferences page lists every registered preference.
"""
