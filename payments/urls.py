from django.urls import path

from payments import views

app_name = "payments"

# Outside the language prefix: the provider calls these addresses as configured.
urlpatterns = [
    path("thanh-toan/ho-so/<str:token>/", views.pay, name="pay"),
    path("thanh-toan/<str:provider>/ket-qua/", views.payment_return, name="return"),
    path("thanh-toan/<str:provider>/ipn/", views.ipn, name="ipn"),
    path("thanh-toan-thu-nghiem/", views.sandbox, name="sandbox"),
]
