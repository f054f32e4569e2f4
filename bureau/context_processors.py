import re

from django.conf import settings

from content.localize import is_english


def site(request):
    """The site's name and the footer's contact details and filing identifiers, all from settings."""
    address = (
        settings.SITE_CONTACT_ADDRESS_EN
        if is_english() and settings.SITE_CONTACT_ADDRESS_EN
        else settings.SITE_CONTACT_ADDRESS
    )
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_NAME_EN": settings.SITE_NAME_EN,
        "site_footer": {
            "address": address,
            "phone": settings.SITE_CONTACT_PHONE,
            "email": settings.SITE_CONTACT_EMAIL,
            "icp": settings.SITE_ICP_NUMBER,
            "public_security": settings.SITE_PUBLIC_SECURITY_NUMBER,
            # The ministry's lookup page takes the digits of the filing number.
            "public_security_code": "".join(re.findall(r"\d", settings.SITE_PUBLIC_SECURITY_NUMBER)),
            "identifier": settings.SITE_IDENTIFIER_CODE,
        },
    }
