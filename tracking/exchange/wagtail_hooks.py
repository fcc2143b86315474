from django.urls import include, path
from wagtail import hooks


@hooks.register("register_admin_urls")
def register_exchange_desk_urls():
    return [path("lien-thong/", include("tracking.exchange.desk_urls", namespace="exchange_desk"))]
