"""Errors as problem details (RFC 9457), in the caller's language (Accept-Language).

Every error of the API is `application/problem+json` with `type`, `title`,
`status` and `detail`; a validation error lists each wrong field under `errors`
with its location (`["body", "due_date"]`, `["query", "level"]`) and a message.
"""

from django.http import Http404
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError, ValidationError

PROBLEM_TYPE = "https://www.rfc-editor.org/rfc/rfc9457#name-aboutblank"
TITLES = {
    400: lambda: _("Yêu cầu không hợp lệ"),
    401: lambda: _("Chưa xác thực"),
    403: lambda: _("Không có quyền"),
    404: lambda: _("Không tìm thấy"),
    409: lambda: _("Không thực hiện được ở trạng thái hiện tại"),
    413: lambda: _("Dữ liệu quá lớn"),
    415: lambda: _("Định dạng dữ liệu không được hỗ trợ"),
    422: lambda: _("Dữ liệu không hợp lệ"),
    429: lambda: _("Quá nhiều yêu cầu"),
}


class Problem(Exception):
    """An answer of the API that is not a success; raise it from an endpoint."""

    def __init__(self, status: int, detail: str = "", *, errors=None, headers=None):
        super().__init__(detail)
        self.status, self.detail = status, str(detail)
        self.errors, self.headers = errors, headers or {}


def problem_response(api, request, status, detail="", *, errors=None, headers=None):
    body = {
        "type": "about:blank",
        "title": str(TITLES.get(status, lambda: _("Lỗi"))()),
        "status": status,
        "detail": detail or str(TITLES.get(status, lambda: "")()),
        "instance": request.path,
    }
    if errors is not None:
        body["errors"] = errors
    response = api.create_response(request, body, status=status)
    response["Content-Type"] = "application/problem+json"
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def _location(loc):
    """Where the wrong value is: ["body", "due_date"], ["query", "level"], ["path", "code"]
    (the name of the endpoint's parameter that holds a JSON body is left out)."""
    parts = [str(part) for part in loc]
    if len(parts) >= 2 and parts[0] == "body":
        del parts[1]
    return parts


def _field_errors(error: ValidationError):
    return [
        {
            "loc": _location(item.get("loc", ())),
            "message": _translated_message(item),
        }
        for item in error.errors
    ]


def _translated_message(item):
    messages = {
        "missing": _("Trường này là bắt buộc."),
        "int_parsing": _("Phải là một số nguyên."),
        "date_from_datetime_parsing": _("Phải là một ngày theo dạng YYYY-MM-DD."),
        "date_parsing": _("Phải là một ngày theo dạng YYYY-MM-DD."),
        "string_too_long": _("Quá dài."),
        "string_too_short": _("Không được để trống."),
        "greater_than_equal": _("Giá trị quá nhỏ."),
        "less_than_equal": _("Giá trị quá lớn."),
        "enum": _("Không phải một giá trị được chấp nhận."),
        "literal_error": _("Không phải một giá trị được chấp nhận."),
        "json_invalid": _("Nội dung không phải JSON hợp lệ."),
    }
    return str(messages.get(item.get("type"), item.get("msg", _("Giá trị không hợp lệ."))))


# The answers every operation may give besides its own: a body that cannot be read,
# invalid data, too many requests; and, where a credential is asked, a missing one.
COMMON = {"400": "Bad Request", "422": "Unprocessable Content", "429": "Too Many Requests"}
SECURED = {"401": "Unauthorized", "403": "Forbidden"}
PROBLEM_MEDIA = "application/problem+json"


def document_problems(schema):
    """Say in the OpenAPI schema what the handlers do: every error is a problem document
    (`application/problem+json`), and every operation may answer 400, 422 and 429."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components.setdefault(
        "Problem",
        {
            "type": "object",
            "title": "Problem",
            "required": ["type", "title", "status", "detail", "instance"],
            "properties": {
                "type": {"type": "string"},
                "title": {"type": "string"},
                "status": {"type": "integer"},
                "detail": {"type": "string"},
                "instance": {"type": "string"},
                "errors": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            "loc": {"type": "array", "items": {"type": "string"}},
                            "message": {"type": "string"},
                        },
                    },
                },
            },
        },
    )
    problem = {PROBLEM_MEDIA: {"schema": {"$ref": "#/components/schemas/Problem"}}}
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            # The framework keys responses by int; JSON keys are strings: one key each.
            responses = {str(k): v for k, v in operation.get("responses", {}).items()}
            operation["responses"] = responses
            expected = dict(COMMON, **(SECURED if operation.get("security") else {}))
            for status, description in expected.items():
                responses.setdefault(status, {"description": description})
            for status, response in responses.items():
                if str(status)[0] in "45":
                    response["content"] = problem
    return schema


def install(api):
    """Register the handlers that turn every error into a problem document."""

    @api.exception_handler(Problem)
    def on_problem(request, exc):
        return problem_response(
            api, request, exc.status, exc.detail, errors=exc.errors, headers=exc.headers
        )

    @api.exception_handler(ValidationError)
    def on_validation(request, exc):
        return problem_response(
            api,
            request,
            422,
            _("Dữ liệu gửi lên có trường không hợp lệ."),
            errors=_field_errors(exc),
        )

    @api.exception_handler(AuthenticationError)
    def on_authentication(request, exc):
        return problem_response(
            api,
            request,
            401,
            _("Thiếu hoặc sai khóa truy cập (Authorization: Bearer …)."),
            headers={"WWW-Authenticate": 'Bearer realm="api"'},
        )

    @api.exception_handler(Http404)
    def on_not_found(request, exc):
        return problem_response(api, request, 404, _("Không tìm thấy."))

    @api.exception_handler(HttpError)
    def on_http_error(request, exc):
        detail = str(exc)
        if exc.status_code == 400:  # the framework's own message, in English only
            detail = _("Không đọc được nội dung yêu cầu (JSON hoặc biểu mẫu không hợp lệ).")
        return problem_response(api, request, exc.status_code, detail)
