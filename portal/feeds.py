"""RSS feeds of article lists."""

from django.contrib.syndication.views import Feed
from django.utils import timezone


class ArticleFeed(Feed):
    def get_object(self, request, index_page):
        self.request = request
        return index_page

    def title(self, index_page):
        return index_page.title

    def link(self, index_page):
        return index_page.url

    def description(self, index_page):
        return index_page.search_description or index_page.intro or index_page.title

    def items(self, index_page):
        return index_page.articles()[:20]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return item.first_published_at or timezone.now()

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return item.author
