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
                     contact_phone="0532-0000 0000", contact_email="invest@hitech.example.cn")  # fmt: skip
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
        with page.expect_navigation():  # the form is posted and comes back: wait for it, not for the old page
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


def test_an_investor_follows_a_project_from_a_park_asks_about_it_and_staff_find_it_in_the_inbox(
    live_server, browser, settings
):
    """Issue 16's journey: a park in English, one of its projects, the inquiry, the confirmation; then a
    publisher opens the inbox and finds it by its reference."""
    from django.contrib.auth.models import Group
    from django.test import Client

    from content.models import Status
    from parks.models import Project
    from tests.browser_support import restore_roles
    from tests.helpers import make_staff

    restore_roles()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.INQUIRY_MIN_FILL_SECONDS = 0
    park = make_park(name="青岛高新技术产业开发区", name_en="Qingdao Hi-tech Zone", slug="hi-tech")
    project = Project.objects.create(title="高新区算力中心项目", title_en="Hi-tech Zone computing centre", slug="computing",
                                     park=park, stage=Project.Stage.SEEKING, amount="25", amount_unit="亿元",
                                     status=Status.PUBLISHED)  # fmt: skip
    context = browser.new_context(viewport=DESKTOP, locale="en-GB")
    page = context.new_page()
    try:
        page.goto(live_server.url + "/en" + park.get_absolute_url())
        page.get_by_role("link", name="Hi-tech Zone computing centre").first.click()
        page.wait_for_url(re.compile(r"/en/projects/computing/$"))
        assert page.get_by_text("CNY 2.5 billion").first.is_visible()
        page.get_by_role("link", name="Ask about this project").click()
        page.wait_for_url(re.compile(r"/en/contact/\?"))
        page.get_by_label("Name").first.fill("Kenji Sato")
        page.get_by_label("E-mail").fill("kenji@example.jp")
        page.get_by_label("Country or region").fill("Japan")
        page.get_by_label("Message").fill("What power supply does the site offer?")
        page.get_by_label("I agree").check()
        page.get_by_role("button", name="Send").click()
        page.wait_for_url(re.compile(r"/en/contact/sent/"))
        reference = page.locator(".reference").inner_text()
    finally:
        context.close()
    inquiry = Inquiry.objects.get(reference=reference)
    assert inquiry.project == project.slug

    publisher = make_staff("publisher", role="publisher")
    assert Group.objects.get(name="发布者 Publisher") in publisher.groups.all()
    client = Client()
    client.force_login(publisher)
    cookie = client.cookies["sessionid"]
    staff = browser.new_context(viewport=DESKTOP)
    staff.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    inbox = staff.new_page()
    try:
        inbox.goto(live_server.url + "/en/admin/inquiries/inquiry/")
        assert inbox.get_by_text(reference).first.is_visible()
        assert inbox.get_by_text("Kenji Sato").first.is_visible()
    finally:
        staff.close()
