"""A park's and a project's contact: a telephone and an e-mail field, split from the old one-line text by a
migration that loses nothing, shown as tel: and mailto: links, checked in the admin, and used for inquiries."""

import importlib
import json

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from parks.models import Park, Project, tel_url, validate_phone
from tests.helpers import make_park
from tests.test_inquiries import fields

split_contact = importlib.import_module("parks.migrations.0011_contact_phone_email").split_contact


@pytest.mark.parametrize(
    "text, expected",
    [
        ("", ("", "")),
        ("0532-8888 8888", ("0532-8888 8888", "")),
        ("invest@park.example.cn", ("", "invest@park.example.cn")),
        ("0532-1234 5678，invest@park.example.cn", ("0532-1234 5678", "invest@park.example.cn")),
        ("0532-0000 0000 / invest@hitech.example.cn", ("0532-0000 0000", "invest@hitech.example.cn")),
        ("电话：0532-8888 8888；邮箱：invest@park.example.cn", ("0532-8888 8888", "invest@park.example.cn")),
        # Neither a number nor an address: kept, for an editor to tidy.
        ("请联系招商科王主任", ("请联系招商科王主任", "")),
        ("王主任 0532-8888 8888, a@x.cn, b@y.cn", ("王主任 0532-8888 8888, b@y.cn", "a@x.cn")),
        ("not-an-address@ 0532-1", ("not-an-address@ 0532-1", "")),
    ],
)
def test_the_migration_splits_free_text_and_loses_nothing(text, expected):
    phone, email = split_contact(text)
    assert (phone, email) == expected
    # Every word of the old text is still somewhere, labels and separators aside.
    for word in text.replace("，", " ").replace("；", " ").replace(",", " ").replace("/", " ").split():
        if "：" in word:
            word = word.split("：", 1)[1]
        assert word in phone or word in email, word


@pytest.mark.parametrize(
    "phone, url",
    [
        ("0532-8888 8888", "tel:053288888888"),
        ("+86 (532) 8888-0000", "tel:+8653288880000"),
        ("0532-8888 8888 转 123", "tel:053288888888;ext=123"),
        ("（0532）88888888 ext. 9", "tel:053288888888;ext=9"),
        ("400 123 4567", "tel:4001234567"),
    ],
)
def test_a_telephone_number_is_accepted_and_dialled(phone, url):
    validate_phone(phone)
    assert tel_url(phone) == url


@pytest.mark.parametrize("phone", ["invest@park.example.cn", "请致电招商科", "12", "0532-8888 8888, 0532-9999 9999"])
def test_anything_but_one_telephone_number_is_refused_and_not_linked(phone):
    with pytest.raises(ValidationError) as refused:
        validate_phone(phone)
    assert "0532-8888 8888 转 123" in str(refused.value)
    assert tel_url(phone) == ""


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_park_page_and_card_link_the_telephone_and_the_address(client, prefix):
    park = make_park(name="青岛高新区", contact_phone="0532-8888 8888 转 12", contact_email="invest@park.example.cn")
    text = client.get(prefix + park.get_absolute_url()).text
    assert '<a class="contact-phone" href="tel:053288888888;ext=12">0532-8888 8888 转 12</a>' in text
    assert '<a class="contact-email" href="mailto:invest@park.example.cn">invest@park.example.cn</a>' in text
    assert ("Telephone" if prefix else "电话") in text
    card = client.get(prefix + "/parks/").text.split('class="card-contact"')[1].split("</p>")[0]
    assert 'href="tel:053288888888;ext=12"' in card and 'href="mailto:invest@park.example.cn"' in card


@pytest.mark.django_db
def test_text_that_is_not_a_number_is_shown_but_not_linked(client):
    # What the migration kept in the telephone field because it was neither a number nor an address.
    park = make_park(name="青岛高新区")
    Park.objects.filter(pk=park.pk).update(contact_phone="请联系招商科")
    text = client.get(park.get_absolute_url()).text
    assert '<span lang="zh-Hans">请联系招商科</span>' in text and "tel:" not in text


@pytest.mark.django_db
def test_a_project_page_and_card_link_its_contact(client):
    project = Project.objects.create(
        title="算力中心项目", slug="compute", status="published", contact_phone="0532-8888 0000",
        contact_email="project@example.cn",
    )  # fmt: skip
    text = client.get(project.get_absolute_url()).text
    assert 'href="tel:053288880000"' in text and 'href="mailto:project@example.cn"' in text
    card = client.get("/projects/").text.split('class="card-contact"')[1].split("</p>")[0]
    assert 'href="mailto:project@example.cn"' in card


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_admin_refuses_a_telephone_field_that_is_not_a_number(admin_client, prefix):
    from tests.helpers import posted_form

    park = make_park(name="青岛高新区")
    url = prefix + reverse("admin:parks_park_change", args=[park.pk])
    page = admin_client.get(url)
    assert 'name="contact_phone"' in page.text and 'name="contact_email"' in page.text
    response = admin_client.post(url, posted_form(page.text, contact_phone="invest@park.example.cn"))
    assert response.status_code == 200
    assert ("Put an e-mail address in the e-mail field" if prefix else "电子邮箱请填在邮箱一栏") in response.text
    response = admin_client.post(
        url, posted_form(page.text, contact_phone="0532-8888 8888 转 12", contact_email="invest@park.example.cn")
    )
    assert response.status_code == 302
    park.refresh_from_db()
    assert (park.contact_phone, park.contact_email) == ("0532-8888 8888 转 12", "invest@park.example.cn")


@pytest.mark.django_db
def test_staff_find_parks_with_a_telephone_but_no_e_mail(admin_client):
    make_park(name="只有电话的园区", contact_phone="0532-8888 8888")
    make_park(name="只有邮箱的园区", contact_email="a@example.cn")
    url = reverse("admin:parks_park_changelist")

    def listed(choice):
        return sorted(str(p) for p in admin_client.get(f"{url}?essentials={choice}").context["cl"].result_list)

    assert listed("email") == ["只有电话的园区"]
    assert listed("contact") == []


@pytest.mark.django_db
def test_an_inquiry_about_a_project_goes_to_its_address_else_its_parks(client, settings):
    settings.INQUIRY_DEFAULT_EMAIL = "desk@bureau.example.cn"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    park = make_park(name="青岛高新区", contact_email="park@example.cn")
    Project.objects.create(title="甲项目", slug="a", status="published", park=park, contact_email="a@example.cn")
    Project.objects.create(title="乙项目", slug="b", status="published", park=park)
    Project.objects.create(title="丙项目", slug="c", status="published")
    for slug in ("a", "b", "c"):
        client.post(f"/contact/?project={slug}", fields(), REMOTE_ADDR=f"10.0.0.{ord(slug)}")
    assert [message.to for message in mail.outbox] == [
        ["a@example.cn"],
        ["park@example.cn"],
        ["desk@bureau.example.cn"],
    ]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_the_migration_splits_rows_versions_and_pending_changes_and_goes_back():
    from reversion.models import Revision, Version

    from content.pending import PendingChange

    old = migrate([("parks", "0010_projects")])
    OldPark, OldProject = old.get_model("parks", "Park"), old.get_model("parks", "Project")
    park = OldPark.objects.create(name="青岛高新区", slug="gaoxin", contact="0532-1234 5678，invest@park.example.cn")
    project = OldProject.objects.create(title="项目", slug="xiangmu", contact="请联系招商科 project@example.cn")
    park_type = ContentType.objects.get_for_model(Park)
    revision = Revision.objects.create(comment="{}", date_created="2026-01-01T00:00:00Z")
    serialized = [{"model": "parks.park", "pk": park.pk, "fields": {"name": "青岛高新区", "contact": "invest@x.cn"}}]
    version = Version.objects.create(
        revision=revision, object_id=str(park.pk), content_type=park_type, db="default", format="json",
        serialized_data=json.dumps(serialized), object_repr="青岛高新区",
    )  # fmt: skip
    pending = PendingChange.objects.create(
        content_type=park_type, object_id=park.pk, data={"fields": {"contact": "0532-0000 0000"}},
        updated_at="2026-01-01T00:00:00Z",
    )  # fmt: skip

    # The models as they were right after the split (later migrations add columns the current models read).
    split = migrate([("parks", "0011_contact_phone_email")])
    park = split.get_model("parks", "Park").objects.get(pk=park.pk)
    assert (park.contact_phone, park.contact_email) == ("0532-1234 5678", "invest@park.example.cn")
    project = split.get_model("parks", "Project").objects.get(pk=project.pk)
    assert (project.contact_phone, project.contact_email) == ("请联系招商科", "project@example.cn")
    assert project.amount_qualifier == ""
    fields_now = json.loads(Version.objects.get(pk=version.pk).serialized_data)[0]["fields"]
    assert (fields_now["contact_phone"], fields_now["contact_email"]) == ("", "invest@x.cn")
    assert "contact" not in fields_now
    assert PendingChange.objects.get(pk=pending.pk).data["fields"] == {
        "contact_phone": "0532-0000 0000",
        "contact_email": "",
    }

    old = migrate([("parks", "0010_projects")])
    assert old.get_model("parks", "Park").objects.get(pk=park.pk).contact == "0532-1234 5678, invest@park.example.cn"
    assert PendingChange.objects.get(pk=pending.pk).data["fields"] == {"contact": "0532-0000 0000"}
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    assert Park.objects.get(pk=park.pk).contact_email == "invest@park.example.cn"
