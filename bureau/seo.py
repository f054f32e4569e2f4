"""What search engines and link previews read: schema.org JSON-LD and absolute URLs.

JSON-LD is data, not script, but it sits inside a <script> element, so it is
serialized the way Django's ``json_script`` does it: ``<``, ``>`` and ``&``
become JSON escapes and no text an editor typed can close the element.
"""

import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from content import images
from content.localize import is_english, localized, name_of, site_name

SCHEMA = "https://schema.org"
OG_IMAGE_WIDTH = 1280

_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld(data):
    """``data`` as a ``<script type="application/ld+json">`` element, safe to put in any page."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


def image_url(request, fieldfile):
    """Absolute URL of the rendition used for link previews, or ''."""
    url = images.rendition_url(fieldfile, OG_IMAGE_WIDTH) if fieldfile else ""
    return request.build_absolute_uri(url) if url else ""


def bureau(request):
    data = {
        "@type": "GovernmentOrganization",
        "name": site_name(),
        "url": request.build_absolute_uri(reverse("bureau:home")),
    }
    address = (
        settings.SITE_CONTACT_ADDRESS_EN
        if is_english() and settings.SITE_CONTACT_ADDRESS_EN
        else settings.SITE_CONTACT_ADDRESS
    )
    if address:
        data["address"] = address
    if settings.SITE_CONTACT_PHONE:
        data["telephone"] = settings.SITE_CONTACT_PHONE
    if settings.SITE_CONTACT_EMAIL:
        data["email"] = settings.SITE_CONTACT_EMAIL
    return data


def website(request):
    home = request.build_absolute_uri(reverse("bureau:home"))
    search = request.build_absolute_uri(reverse("search:results"))
    return {
        "@context": SCHEMA,
        "@graph": [
            {**bureau(request), "@id": f"{home}#organization"},
            {
                "@type": "WebSite",
                "url": home,
                "name": site_name(),
                "publisher": {"@id": f"{home}#organization"},
                "potentialAction": {
                    "@type": "SearchAction",
                    "target": f"{search}?q={{search_term_string}}",
                    "query-input": "required name=search_term_string",
                },
            },
        ],
    }


def _ref(request, obj, kind):
    return {"@type": kind, "name": name_of(obj), "url": request.build_absolute_uri(obj.get_absolute_url())}


def article(request, obj):
    url = request.build_absolute_uri(obj.get_absolute_url())
    data = {
        "@context": SCHEMA,
        "@type": "NewsArticle",
        "headline": localized(obj, "title"),
        "url": url,
        "mainEntityOfPage": url,
        "inLanguage": "en" if is_english() and obj.has_english else "zh-Hans",
        "datePublished": obj.published_at.isoformat(),
        "dateModified": obj.updated_at.isoformat(),
        "publisher": bureau(request),
    }
    description = obj.teaser()
    if description:
        data["description"] = description
    if obj.cover:
        data["image"] = [image_url(request, obj.cover)]
    if obj.author:
        data["author"] = {"@type": "Person", "name": obj.author}
    if obj.source_outlet:
        data["sourceOrganization"] = {"@type": "NewsMediaOrganization", "name": obj.source_outlet}
    if obj.source_url:
        data["isBasedOn"] = obj.source_url
    tags = [name_of(tag) for tag in obj.tags.all()]
    if tags:
        data["keywords"] = tags
    mentions = [_ref(request, park, "Place") for park in getattr(obj, "public_parks", [])]
    mentions += [_ref(request, enterprise, "Organization") for enterprise in getattr(obj, "public_enterprises", [])]
    if mentions:
        data["mentions"] = mentions
    return data


def place(request, park):
    data = {
        "@context": SCHEMA,
        "@type": "Place",
        "name": name_of(park),
        "url": request.build_absolute_uri(park.get_absolute_url()),
    }
    alternates = [name for name in (park.name, park.name_en, *park.alias_list()) if name and name != data["name"]]
    if alternates:
        data["alternateName"] = alternates
    summary = localized(park, "summary")
    if summary:
        data["description"] = summary
    address = {
        "@type": "PostalAddress",
        "addressLocality": "Qingdao" if is_english() else "青岛",
        "addressCountry": "CN",
    }
    if park.address:
        address["streetAddress"] = park.address
    if park.district:
        address["addressRegion"] = str(park.get_district_display())
    data["address"] = address
    if park.latitude is not None and park.longitude is not None:
        data["geo"] = {"@type": "GeoCoordinates", "latitude": float(park.latitude), "longitude": float(park.longitude)}
    if park.image:
        data["image"] = image_url(request, park.image)
    if park.parent_id and park.parent.is_public:
        data["containedInPlace"] = _ref(request, park.parent, "Place")
    if park.website:
        data["sameAs"] = park.website
    return data


def organization(request, enterprise):
    data = {
        "@context": SCHEMA,
        "@type": "Organization",
        "name": name_of(enterprise),
        "legalName": enterprise.name,
        "url": request.build_absolute_uri(enterprise.get_absolute_url()),
    }
    alternates = [
        n for n in (enterprise.short_name, enterprise.name_en, *enterprise.alias_list()) if n and n != data["name"]
    ]
    if alternates:
        data["alternateName"] = alternates
    summary = localized(enterprise, "summary")
    if summary:
        data["description"] = summary
    if enterprise.founded:
        data["foundingDate"] = enterprise.founded
    if enterprise.headquarters:
        data["address"] = enterprise.headquarters
    if enterprise.logo:
        data["logo"] = image_url(request, enterprise.logo)
    if enterprise.website:
        data["sameAs"] = enterprise.website
    parks = getattr(enterprise, "public_parks", [])
    if parks:
        data["location"] = [_ref(request, park, "Place") for park in parks]
    return data
