from accounts.oidc import is_enabled


def identity_service(request):
    """Whether to offer sign-in with the national identity service."""
    return {"vneid_enabled": is_enabled()}
