import re

from django.conf import settings
from django.urls import NoReverseMatch

from content.links import page_url
from content.localize import is_english


def _localized(name):
    """A text setting in the page's language, and the lang mark it needs: an English page without the English
    value shows the Chinese one, marked as Chinese."""
    english = getattr(settings, f"{name}_EN")
    if is_english() and english:
        return english, ""
    value = getattr(settings, name)
    return value, "zh-Hans" if is_english() and value else ""


def resolved(viewname):
    """The address of a page another app may not have yet (it is still being built), or "" until it exists."""
    try:
        return page_url(viewname)
    except NoReverseMatch:
        return ""


def site(request):
    """The site's name and the footer's contact details and filing identifiers, all from settings."""
    sponsor, sponsor_lang = _localized("SITE_SPONSOR")
    address, address_lang = _localized("SITE_CONTACT_ADDRESS")
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_NAME_EN": settings.SITE_NAME_EN,
        "site_footer": {
            "sponsor": sponsor,
            "sponsor_lang": sponsor_lang,
            "address": address,
            "address_lang": address_lang,
            "phone": settings.SITE_CONTACT_PHONE,
            "email": settings.SITE_CONTACT_EMAIL,
            "hotline": settings.SITE_INVESTMENT_HOTLINE,
            "icp": settings.SITE_ICP_NUMBER,
            "public_security": settings.SITE_PUBLIC_SECURITY_NUMBER,
            # The ministry's lookup page takes the digits of the filing number.
            "public_security_code": "".join(re.findall(r"\d", settings.SITE_PUBLIC_SECURITY_NUMBER)),
            "identifier": settings.SITE_IDENTIFIER_CODE,
            "site_map": page_url("bureau:site_map"),
            "accessibility": resolved("pages:accessibility"),
        },
    }
