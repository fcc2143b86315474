"""What the national portal calls on us (machine to machine): mounted at /lien-thong/dvcqg/."""

from django.urls import path

from national import views

app_name = "national"

urlpatterns = [
    path("ho-so/", views.receive_applications, name="receive_applications"),
]
