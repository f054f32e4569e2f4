from django.conf import settings


def site(request):
    return {"SITE_NAME": settings.SITE_NAME, "SITE_NAME_EN": settings.SITE_NAME_EN}
