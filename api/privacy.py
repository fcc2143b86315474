"""What the API keeps about an applicant, for the export of their personal data
(ACCOUNTS_PERSONAL_DATA_SECTIONS): their personal access tokens and their calls."""

from api.models import ApiCall, PersonalAccessToken


def personal_data_of(user) -> tuple[str, dict]:
    tokens = PersonalAccessToken.objects.filter(user=user).order_by("created_at", "pk")
    calls = ApiCall.objects.filter(token__user=user).order_by("at", "pk")
    return "api", {
        "personal_access_tokens": [
            {
                "name": token.name,
                "prefix": token.prefix,
                "created_at": token.created_at,
                "last_used_at": token.last_used_at,
                "revoked_at": token.revoked_at,
            }
            for token in tokens
        ],
        "calls": [
            {
                "at": call.at,
                "method": call.method,
                "path": call.path,
                "status": call.status,
                "remote_addr": call.remote_addr,
            }
            for call in calls
        ],
    }
