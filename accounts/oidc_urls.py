from django.urls import path

from accounts import oidc

app_name = "vneid"

# Outside the language prefix: the identity provider knows one callback address.
urlpatterns = [
    path("dang-nhap/", oidc.SignInView.as_view(), name="sign_in"),
    path("callback/", oidc.CallbackView.as_view(), name="callback"),
]
