"""The contact form and its confirmation: two short function views.

Neither page may come from the public page cache, nor be kept by a browser
or a proxy: the form carries a CSRF token and a signed start time, the
confirmation shows what the visitor wrote. ``never_cache`` says
``private, no-store``, which the page cache (content/page_cache.py) also obeys.

Abuse is turned away before the form is read: a body larger than
``INQUIRY_MAX_BODY_BYTES`` answers 400, more than ``INQUIRY_RATE_LIMIT``
submissions from one address within ``INQUIRY_RATE_WINDOW_SECONDS`` answer 429.
"""

from axes.helpers import get_client_ip_address
from django.apps import apps
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from inquiries import mail
from inquiries.forms import InquiryForm, started_token
from inquiries.models import Inquiry
from parks.models import Park

RECEIPT_SALT = "inquiries.receipt"
# The confirmation page is for the visitor who just sent the form; its address stops working after this.
RECEIPT_MAX_AGE_SECONDS = 3600


def _about(request):
    """The public park (and, once projects exist, the project) named by ``?park=`` / ``?project=``, else None."""
    park = Park.objects.published().filter(slug=request.GET.get("park", "")[:100]).first()
    project = None
    slug = request.GET.get("project", "")[:100]
    try:
        Project = apps.get_model("parks", "Project")
    except LookupError:
        Project = None  # projects come with their own branch; until then the parameter is ignored
    if Project is not None and slug:
        projects = Project._default_manager
        projects = projects.published() if hasattr(projects, "published") else projects.all()
        project = projects.filter(slug=slug).first()
    return park, project


def _over_rate_limit(request):
    """Count this submission for its address; True once the address sent more than its share in the window."""
    key = f"inquiries:rate:{get_client_ip_address(request) or 'unknown'}"
    cache.add(key, 0, timeout=settings.INQUIRY_RATE_WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between the two calls, or the cache is down: count this one only
        count = 1
    return count > settings.INQUIRY_RATE_LIMIT


def _body_too_large(request):
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) > settings.INQUIRY_MAX_BODY_BYTES
    except ValueError:
        return True


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def contact(request):
    park, project = _about(request)
    if request.method == "POST":
        if _body_too_large(request):
            return render(request, "inquiries/refused.html", {"reason": "too_large"}, status=400)
        if _over_rate_limit(request):
            response = render(request, "inquiries/refused.html", {"reason": "rate_limit"}, status=429)
            response["Retry-After"] = str(settings.INQUIRY_RATE_WINDOW_SECONDS)
            return response
        form = InquiryForm(request.POST)
        if form.is_valid():
            inquiry = form.save(commit=False)
            inquiry.park = park
            inquiry.project = getattr(project, "slug", "")
            inquiry.language = get_language()
            inquiry.save()
            mail.send(inquiry)
            token = signing.dumps(inquiry.pk, salt=RECEIPT_SALT)
            return redirect(reverse("inquiries:sent", args=[token]))
        if form.has_error("started", "stale"):
            form.data = form.data.copy()
            form.data["started"] = started_token()
        status = 400 if form.refused_as_robot else 200
    else:
        form, status = InquiryForm(), 200
    context = {"form": form, "park": park, "project": project, "retention_days": settings.INQUIRY_RETENTION_DAYS}
    return render(request, "inquiries/contact.html", context, status=status)


@never_cache
@require_safe
def sent(request, token):
    """The receipt: the reference and what was sent, for the visitor who holds this signed address only."""
    try:
        pk = signing.loads(token, salt=RECEIPT_SALT, max_age=RECEIPT_MAX_AGE_SECONDS)
    except signing.BadSignature:
        raise Http404 from None
    inquiry = Inquiry.objects.select_related("park").filter(pk=pk).first()
    if inquiry is None:
        raise Http404
    return render(request, "inquiries/sent.html", {"inquiry": inquiry})
