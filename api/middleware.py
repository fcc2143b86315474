"""The API's language (from Accept-Language) and the log of calls made with a key or a
token (who, what, when, with what answer)."""

from django.conf import settings
from django.utils import translation
from django.utils.translation.trans_real import parse_accept_lang_header

from api.models import ApiCall, ApiKey
from core.http import client_ip

API_PATH = "/api/"


class ApiLanguageMiddleware:
    """The pages take their language from the URL (/en/…); the API from the caller's
    Accept-Language, Vietnamese by default."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(API_PATH):
            return self.get_response(request)
        language = settings.LANGUAGE_CODE
        for code, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
            try:
                language = translation.get_supported_language_variant(code)
                break
            except LookupError:
                continue
        with translation.override(language):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class ApiCallLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        credential = getattr(request, "api_credential", None)
        if credential is not None:
            is_key = isinstance(credential, ApiKey)
            ApiCall.objects.create(
                api_key=credential if is_key else None,
                token=None if is_key else credential,
                method=request.method[:8],
                path=request.get_full_path()[:500],
                status=response.status_code,
                remote_addr=client_ip(request),
            )
        return response
