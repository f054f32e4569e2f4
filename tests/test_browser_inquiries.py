"""An investor reads a park's English page, asks a question about it, and gets a reference number."""

import re

import pytest
from django.core import mail

from inquiries.models import Inquiry
from tests.browser_support import DESKTOP, browser
from tests.helpers import make_park

__all__ = ["browser"]  # a fixture

pytestmark = pytest.mark.browser


def test_an_investor_asks_about_a_park_in_english(live_server, browser, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.INQUIRY_MIN_FILL_SECONDS = 0
    park = make_park(name="青岛高新技术产业开发区", name_en="Qingdao Hi-tech Zone", slug="hi-tech",
                     contact="0532-0000 0000 / invest@hitech.example.cn")  # fmt: skip
    context = browser.new_context(viewport=DESKTOP, locale="en-GB")
    page = context.new_page()
    try:
        page.goto(live_server.url + "/en" + park.get_absolute_url())
        page.get_by_role("link", name="Ask a question").click()
        page.wait_for_url(re.compile(r"/en/contact/\?park=hi-tech$"))
        assert page.get_by_text("About the park").is_visible()
        page.get_by_label("Name").first.fill("Anna Schmidt")
        page.get_by_label("Organisation").fill("Acme <b>GmbH</b>")
        page.get_by_label("E-mail").fill("anna@example.com")
        page.get_by_label("Country or region").fill("Germany")
        page.get_by_label("Message").fill("Is there land for a robot factory?")
        page.get_by_role("button", name="Send").click()
        # Without consent the browser stays on the form, with the reason.
        assert page.get_by_text("Please agree to the privacy notice").is_visible()
        page.get_by_label("I agree").check()
        page.get_by_role("button", name="Send").click()
        page.wait_for_url(re.compile(r"/en/contact/sent/"))
        assert page.get_by_role("heading", name="Your question was sent").is_visible()
        reference = page.locator(".reference").inner_text()
        assert re.fullmatch(r"INQ-\d{4}-[A-Z0-9]{6}", reference)
        assert page.get_by_text("Acme <b>GmbH</b>").is_visible()  # shown as typed, not as markup
    finally:
        context.close()
    inquiry = Inquiry.objects.get(reference=reference)
    assert inquiry.park == park and inquiry.is_mailed
    assert mail.outbox[-1].to == ["invest@hitech.example.cn"]
