"""Each reader's private Atom feed of their subscriptions, at /subscriptions/feed/<token>.atom:
a feed reader follows it without logging in; the reader can reset the token."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import strip_tags

from fanshelf.works.creators import creator_names

from .subscription_selectors import feed_owner, feed_updates


class SubscriptionFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, token):
        owner = feed_owner(token=token)
        if owner is None:
            raise Http404("No such feed.")
        return owner.user

    def title(self, user):
        return f"{user.username}'s subscriptions on Fanshelf"

    def link(self, user):
        return reverse("library:subscriptions")

    def subtitle(self, user):
        return "New works and chapters from the works, series and creators you follow."

    def items(self, user):
        return feed_updates(user=user, limit=settings.FANSHELF_FEED_ITEMS)

    def item_title(self, update):
        return f"{update.work.title}: {update.chapter.heading}"

    def item_link(self, update):
        return update.chapter.get_absolute_url()

    def item_guid(self, update):
        return f"fanshelf-update-{update.pk}"

    def item_description(self, update):
        return strip_tags(update.work.summary)

    def item_author_name(self, update):
        return ", ".join(creator_names(update.work))

    def item_pubdate(self, update):
        return update.created_at
