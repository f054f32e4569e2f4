"""Load the demo content: articles, parks, enterprises, figures, tags and their links.

The fixtures name every object by its natural key (a slug, a tag name, an
(object, label, year) triple), never by database id. An object whose natural
key is already in the database is left exactly as it is, so loading twice
changes nothing and loading into a site with content of its own overwrites
none of it. Each item loaded gets a version, "Loaded from the demo fixtures",
the first of its history.

The loader remembers which object stands for each fixture row (``demo.DemoItem``),
so that staff's edits survive the next load: a demo park or article whose slug
an editor changed is still the demo's (never a second copy, never a clash on
its name), and its figures and tags find it; a demo item staff deleted stays
deleted, with what belongs to it (its figures, tags and links), unless
``--restore-deleted`` is given. A database loaded before that memory existed
is read as well as it can be: an old address (``SlugRedirect``), a park's or
enterprise's name or an article's original address finds a renamed item, and
the versions of deleted items (django-reversion) show what staff deleted.

Every row is checked (``full_clean``), rows already in the database too (only
rows left out for what staff deleted are not), and everything happens in one
transaction: a bad file (empty, binary, malformed JSON, an object that does
not validate or refers to something that exists nowhere) stops the load with
a message naming the file and the object, and the database stays as it was.
Of an object already there only one thing may change: it gets its row's links
to objects this load created (a restored park is in its enterprises' lists
again), since staff cannot have removed those.
"""

import dataclasses
import json
from collections import Counter
from pathlib import Path

import reversion
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.exceptions import NON_FIELD_ERRORS, ObjectDoesNotExist, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, transaction
from django.utils import translation
from reversion.models import Version
from taggit.models import Tag

from content import history
from content.models import NaturalKeyTaggedItem, Publishable, SlugRedirect, TagEnglish
from content.tagging import tag_problem
from demo.models import DemoItem
from news.models import Article
from parks.models import Enterprise, Figure, Park, Project

FIXTURE_DIR = Path(settings.BASE_DIR) / "fixtures"

# What makes a site "have content" for ``--if-empty``.
CONTENT_MODELS = (Article, Park, Enterprise, Project)

# A fixture reference to an item staff deleted: a link to it is dropped, a row that needs it is left out.
DELETED = object()


class FixtureError(Exception):
    def __init__(self, path, problem):
        super().__init__(f"{path}: {problem}")


class Command(BaseCommand):
    help = (
        "Load the demo content from fixtures/*.json (or the files given): articles, parks, enterprises, "
        "figures, tags and links. Objects that already exist (same slug, tag name or figure, or a demo item "
        "staff renamed) are left as they are; loading twice changes nothing; demo items staff deleted stay "
        "deleted unless --restore-deleted. All or nothing: every row is checked, and on any error nothing "
        "is loaded."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "files",
            nargs="*",
            metavar="FILE",
            help=f"Fixture files (default: every .json file in {FIXTURE_DIR}, by name).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Check and count everything, write nothing.")
        parser.add_argument(
            "--restore-deleted",
            action="store_true",
            help="Load again the demo items staff deleted (without it they stay deleted).",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Load only into a site without content (no article, park, enterprise or project); "
            "otherwise write nothing, say so and succeed (what `make run` does).",
        )

    def handle(self, files, dry_run, restore_deleted, if_empty, **options):
        paths = [Path(name) for name in files] or sorted(FIXTURE_DIR.glob("*.json"))
        if not paths:
            raise CommandError(f"No fixture files found in {FIXTURE_DIR}.")
        if if_empty and (content := _content_counts()):
            self.stdout.write(
                f"The database already has content ({_listing(content)}): the demo was not loaded. "
                "Run `manage.py load_demo` to add what is missing."
            )
            return
        try:
            with transaction.atomic():
                result = load_files(paths, restore_deleted=restore_deleted)
                if dry_run:
                    transaction.set_rollback(True)
                else:
                    # loaddata's raw saves record no version: one revision now, for every item loaded.
                    history.record(result.loaded, comment=history.comment(history.FIXTURES))
        except FixtureError as error:
            message = str(error).rstrip(".")
            raise CommandError(f"{message}. Nothing was loaded.") from None

        verb = "Would add" if dry_run else "Added"
        self.stdout.write(f"{verb} {_listing(result.created)}.")
        if result.kept:
            self.stdout.write(f"Left {_listing(result.kept)} as they were (already in the database).")
        if result.left_out:
            self.stdout.write(
                self.style.WARNING(
                    f"Left out {_listing(result.left_out)}: staff deleted them, or what they belong to. "
                    "Run `manage.py load_demo --restore-deleted` to load them again."
                )
            )
        if dry_run:
            self.stdout.write(self.style.WARNING("Dry run: nothing was written."))
        else:
            self.stdout.write(
                self.style.SUCCESS(f"Demo content loaded from {len(paths)} file{'s' if len(paths) != 1 else ''}.")
            )


def _content_counts():
    counts = Counter()
    for model in CONTENT_MODELS:
        if count := model._default_manager.count():
            counts[model] = count
    return counts


def _listing(counter):
    """``counter`` of models as "1 park, 2 park figures", in English (the console's language)."""
    with translation.override("en"):
        names = sorted(
            (str(model._meta.verbose_name if count == 1 else model._meta.verbose_name_plural), count)
            for model, count in counter.items()
        )
    return ", ".join(f"{count} {name}" for name, count in names) or "nothing"


@dataclasses.dataclass
class Row:
    """One object of a fixture file, and what the loader decided about it before writing anything."""

    path: Path
    index: int
    item: dict
    model: type
    key: str | None  # its natural key in the fixtures, as JSON (DemoItem.key); None for a kind not remembered
    pk: int | None = None  # the existing object that stands for it, when found by its record or an old address
    deleted: bool = False  # staff deleted it

    @property
    def where(self):
        return f"object {self.index} ({self.item['model']})"


@dataclasses.dataclass
class Result:
    created: Counter = dataclasses.field(default_factory=Counter)
    kept: Counter = dataclasses.field(default_factory=Counter)
    left_out: Counter = dataclasses.field(default_factory=Counter)
    loaded: list = dataclasses.field(default_factory=list)  # every object created


def load_files(paths, restore_deleted=False):
    """Load ``paths`` in order, in the caller's transaction; return what was created, kept and left out."""
    rows = [row for path in paths for row in _rows(path)]
    current, held = _decide(rows, restore_deleted)
    result, deferred, kept_rows, created_keys, new_records = Result(), [], [], {}, {}
    for row in rows:
        model = row.model
        item = None if row.deleted else _follow(row, current)
        if item is None:
            result.left_out[model] += 1
            continue
        obj = _deserialize(row, item)
        if row.pk is not None:
            obj.object.pk = row.pk
        existing = obj.object.pk is not None and model._default_manager.filter(pk=obj.object.pk).exists()
        if model is Tag and not existing and (problem := tag_problem(obj.object.name)) is not None:
            # Named as the forms name it, not as the slug it would have had.
            raise FixtureError(row.path, f"{row.where}: {' '.join(problem.messages)}")
        deferred_names = [f.name for f in obj.deferred_fields or ()]
        try:
            # A row already in the database is checked too (a required field left out is refused however
            # often the demo was loaded), but not for uniqueness: the object it would clash with is itself.
            obj.object.full_clean(
                exclude=deferred_names, validate_unique=not existing, validate_constraints=not existing
            )
        except ValidationError as error:
            with translation.override("en"):
                raise FixtureError(row.path, f"{row.where}: {_validation_message(error)}") from None
        if existing:
            result.kept[model] += 1
            kept_rows.append((row, item, obj))
        else:
            try:
                obj.save()
            except DatabaseError as error:
                raise FixtureError(row.path, f"{row.where}: the database refused it ({_first_line(error)})") from None
            result.created[model] += 1
            result.loaded.append(obj.object)
            if obj.deferred_fields:
                deferred.append((row, item, obj))
            if row.key is not None:
                created_keys[model._meta.label_lower, row.key] = obj.object.pk
        if row.key is not None:
            type_id = ContentType.objects.get_for_model(model).pk
            if (type_id, row.key) not in held:
                new_records[type_id, row.key] = obj.object.pk
    # References to objects that come later in the fixtures (a park's operator
    # is an enterprise) are filled in once everything is there.
    for row, item, obj in deferred:
        try:
            obj.save_deferred_fields()
        except (DeserializationError, ObjectDoesNotExist, LookupError, ValueError, TypeError):
            raise FixtureError(
                row.path, f"{row.where}: {_explain(item) or 'a reference could not be resolved'}"
            ) from None
    for row, item, obj in kept_rows:
        if obj.deferred_fields and (problem := _explain(item)):
            raise FixtureError(row.path, f"{row.where}: {problem}")
        _link_created(row.model, obj.object.pk, item, created_keys)
    DemoItem.objects.bulk_create(
        DemoItem(content_type_id=type_id, key=key, object_id=pk) for (type_id, key), pk in new_records.items()
    )
    return result


def _rows(path):
    for index, item in enumerate(_read(path), start=1):
        try:
            model = apps.get_model(item["model"])
        except (LookupError, ValueError):
            raise FixtureError(path, f"object {index} ({item['model']}): unknown model “{item['model']}”") from None
        key = _fixture_key(model, item["fields"])
        yield Row(path, index, item, model, None if key is None else _json(key))


def _fixture_key(model, fields):
    """The row's natural key as the fixtures write it (what ``natural_key()`` gives once loaded), or None."""

    def reference(value):
        return value[0] if isinstance(value, list) and len(value) == 1 else value

    if issubclass(model, Publishable):
        key = [fields.get("slug")]
    elif issubclass(model, Figure):
        key = [reference(fields.get(model.owner_field)), fields.get("label"), fields.get("year")]
    elif issubclass(model, NaturalKeyTaggedItem):
        key = [reference(fields.get("content_object")), reference(fields.get("tag"))]
    elif model is Tag:
        key = [fields.get("name")]
    elif model is TagEnglish:
        key = [reference(fields.get("tag"))]
    else:
        return None
    return key if all(part not in (None, "") for part in key) else None


def _json(key):
    return json.dumps(key, ensure_ascii=False)


def _decide(rows, restore_deleted):
    """Find the object that stands for each row, and the rows staff deleted, before anything is written.

    Returns the fixtures' references that no longer read as written, ``(model label, key) -> the object's
    natural key now, or DELETED``, and the records that still hold, ``{(content type id, key)}``.
    """
    types = ContentType.objects.get_for_models(*{row.model for row in rows if row.key is not None})
    records = {
        (record.content_type_id, record.key): record
        for record in DemoItem.objects.filter(content_type__in=types.values())
    }
    alive = set()
    for model, content_type in types.items():
        ids = [record.object_id for (type_id, _), record in records.items() if type_id == content_type.pk]
        alive |= {
            (content_type.pk, pk) for pk in model._default_manager.filter(pk__in=ids).values_list("pk", flat=True)
        }
    held, stale, deleted_slugs, current = set(), [], {}, {}
    for row in rows:
        if row.key is None:
            continue
        type_id = types[row.model].pk
        record = records.get((type_id, row.key))
        if record is not None and (type_id, record.object_id) in alive:
            row.pk = record.object_id
            held.add((type_id, row.key))
        elif record is not None and not restore_deleted:
            row.deleted = True
        elif issubclass(row.model, Publishable):
            if record is not None:
                stale.append(record.pk)
            row.pk = _renamed(row.model, row.item["fields"])
            if row.pk is None and not restore_deleted and record is None:
                if row.model not in deleted_slugs:
                    deleted_slugs[row.model] = _deleted_slugs(row.model)
                row.deleted = row.item["fields"]["slug"] in deleted_slugs[row.model]
        elif record is not None:
            stale.append(record.pk)
        if issubclass(row.model, Publishable | Tag) and (row.deleted or row.pk is not None):
            now = DELETED if row.deleted else list(row.model._default_manager.get(pk=row.pk).natural_key())
            current[row.model._meta.label_lower, row.key] = now
    DemoItem.objects.filter(pk__in=stale).delete()
    return current, held


def _renamed(model, fields):
    """The object a row of ``model`` stands for when its slug is no longer in use: a demo item loaded before
    the loader remembered its rows, whose slug staff changed. Found by its old address, or by a field no other
    object may share (a park's or enterprise's name, an article's original address). None if there is none.
    """
    manager = model._default_manager
    slug = fields.get("slug")
    if not slug or manager.filter(slug=slug).exists():
        return None
    content_type = ContentType.objects.get_for_model(model)
    redirected = SlugRedirect.objects.filter(content_type=content_type, old_slug=slug).values_list("object_id")
    if pk := manager.filter(pk__in=redirected).values_list("pk", flat=True).first():
        return pk
    unique = [f.name for f in model._meta.concrete_fields if f.unique and not f.primary_key and f.name != "slug"]
    unique += [c.fields[0] for c in model._meta.constraints if getattr(c, "fields", ()) and len(c.fields) == 1]
    for name in unique:
        if value := fields.get(name):
            if pk := manager.filter(**{name: value}).values_list("pk", flat=True).first():
                return pk
    return None


def _deleted_slugs(model):
    """The slugs of the deleted objects of ``model`` whose versions django-reversion keeps."""
    if not reversion.is_registered(model):
        return set()
    slugs = set()
    for data_format, data in Version.objects.get_deleted(model).values_list("format", "serialized_data"):
        try:
            slugs.add(json.loads(data)[0]["fields"]["slug"] if data_format == "json" else None)
        except (ValueError, LookupError, TypeError):
            continue
    return slugs - {None}


def _follow(row, current):
    """``row``'s item with its references read as they are now: to a renamed object by its new key, a link
    to a deleted one dropped. None when the row cannot exist without something staff deleted (a figure of
    a deleted park, a tag row of a deleted tag)."""
    fields = dict(row.item["fields"])
    for model_field in row.model._meta.get_fields():
        if not (model_field.is_relation and model_field.concrete) or model_field.name not in fields:
            continue
        label, value = model_field.related_model._meta.label_lower, fields[model_field.name]
        if model_field.many_to_many and isinstance(value, list):
            now = [current.get((label, _json(key)), key) for key in value]
            fields[model_field.name] = [key for key in now if key is not DELETED]
        elif isinstance(value, list):
            now = current.get((label, _json(value)), value)
            if now is DELETED and not model_field.null:
                return None
            fields[model_field.name] = None if now is DELETED else now
    return {**row.item, "fields": fields}


def _link_created(model, pk, item, created):
    """Give the existing object ``pk`` the links of its row ``item`` to objects this load ``created`` (restored,
    or new in the fixtures): staff cannot have removed those, their object was not there. Nothing else of an
    existing object changes, and a reference staff set to something else is kept."""
    instance = None
    for model_field in model._meta.get_fields():
        if not (model_field.is_relation and model_field.concrete) or model_field.name not in item["fields"]:
            continue
        value, label = item["fields"][model_field.name], model_field.related_model._meta.label_lower
        keys = value if model_field.many_to_many else [value]
        targets = [created[label, _json(key)] for key in keys or () if (label, _json(key)) in created]
        if not targets:
            continue
        if model_field.many_to_many:
            instance = instance or model._default_manager.get(pk=pk)
            getattr(instance, model_field.name).add(*targets)
        else:
            unset = {f"{model_field.attname}__isnull": True}
            model._default_manager.filter(pk=pk, **unset).update(**{model_field.attname: targets[0]})


def _deserialize(row, item):
    try:
        [obj] = serializers.deserialize("python", [item], handle_forward_references=True)
    except (DeserializationError, ObjectDoesNotExist, LookupError, ValueError, TypeError) as error:
        raise FixtureError(row.path, f"{row.where}: {_explain(item) or _first_line(error)}") from None
    return obj


def _read(path):
    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        raise FixtureError(path, f"cannot be read ({error.strerror}).") from None
    if not raw.strip():
        raise FixtureError(path, "the file is empty.")
    if b"\x00" in raw:
        raise FixtureError(path, "this is a binary file, not JSON.")
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise FixtureError(path, "the file is not UTF-8 text.") from None
    except json.JSONDecodeError as error:
        raise FixtureError(path, f"malformed JSON at line {error.lineno}, column {error.colno}: {error.msg}.") from None
    if not isinstance(data, list) or not all(
        isinstance(item, dict) and "model" in item and "fields" in item for item in data
    ):
        raise FixtureError(path, "not a Django fixture: expected a list of objects with “model” and “fields”.")
    return data


def _explain(item):
    """Name the references in ``item`` that point at nothing, or return ""."""
    try:
        model = apps.get_model(item["model"])
    except (LookupError, ValueError):
        return f"unknown model “{item['model']}”"
    missing = []
    for field in model._meta.get_fields():
        if not (field.is_relation and field.concrete) or field.name not in item["fields"]:
            continue
        value = item["fields"][field.name]
        related = field.remote_field.model
        keys = value if field.many_to_many else [value]
        for key in keys or ():
            if key is None:
                continue
            try:
                if isinstance(key, list | tuple):
                    related._default_manager.get_by_natural_key(*key)
                else:
                    related._default_manager.get(pk=key)
            except (ObjectDoesNotExist, ValueError, TypeError):
                missing.append(
                    f"{field.name} refers to {related._meta.label_lower} {json.dumps(key, ensure_ascii=False)}"
                )
    if missing:
        return "; ".join(missing) + ", which is neither in the database nor in the fixtures"
    return ""


def _validation_message(error):
    if not hasattr(error, "message_dict"):
        return " ".join(error.messages)
    return "; ".join(
        " ".join(messages) if name == NON_FIELD_ERRORS else f"{name}: {' '.join(messages)}"
        for name, messages in error.message_dict.items()
    )


def _first_line(error):
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
