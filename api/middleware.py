"""The log of calls made with a key or a token (who, what, when, with what answer)."""

from api.models import ApiCall, ApiKey
from core.http import client_ip


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
