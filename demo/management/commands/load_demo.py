"""Load the demo content: articles, parks, enterprises, figures, tags and their links.

The fixtures name every object by its natural key (a slug, a tag name, an
(object, label, year) triple), never by database id. An object whose natural
key is already in the database is left exactly as it is, so loading twice
changes nothing and loading into a site with content of its own overwrites
none of it. Each item loaded gets a version, "Loaded from the demo fixtures",
the first of its history. Everything happens in one transaction: a bad file (empty, binary,
malformed JSON, an object that does not validate or refers to something that
exists nowhere) stops the load with a message naming the file and the
problem, and the database stays as it was.
"""

import json
from collections import Counter
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.exceptions import NON_FIELD_ERRORS, ObjectDoesNotExist, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, transaction
from django.utils import translation
from taggit.models import Tag

from content import history
from content.tagging import tag_problem

FIXTURE_DIR = Path(settings.BASE_DIR) / "fixtures"


class FixtureError(Exception):
    def __init__(self, path, problem):
        super().__init__(f"{path}: {problem}")


class Command(BaseCommand):
    help = (
        "Load the demo content from fixtures/*.json (or the files given): articles, parks, enterprises, "
        "figures, tags and links. Objects that already exist (same slug, tag name or figure) are left as "
        "they are; loading twice changes nothing. All or nothing: on any error nothing is loaded."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "files",
            nargs="*",
            metavar="FILE",
            help=f"Fixture files (default: every .json file in {FIXTURE_DIR}, by name).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Check and count everything, write nothing.")

    def handle(self, files, dry_run, **options):
        paths = [Path(name) for name in files] or sorted(FIXTURE_DIR.glob("*.json"))
        if not paths:
            raise CommandError(f"No fixture files found in {FIXTURE_DIR}.")
        try:
            with transaction.atomic():
                loaded = []
                created, kept = load_files(paths, loaded)
                if dry_run:
                    transaction.set_rollback(True)
                else:
                    # loaddata's raw saves record no version: one revision now, for every item loaded.
                    history.record(loaded, comment=history.comment(history.FIXTURES))
        except FixtureError as error:
            message = str(error).rstrip(".")
            raise CommandError(f"{message}. Nothing was loaded.") from None

        def listing(counter):
            return ", ".join(f"{count} {label}" for label, count in sorted(counter.items())) or "nothing"

        verb = "Would add" if dry_run else "Added"
        self.stdout.write(f"{verb} {listing(created)}.")
        if kept:
            self.stdout.write(f"Left {listing(kept)} as they were (already in the database).")
        if dry_run:
            self.stdout.write(self.style.WARNING("Dry run: nothing was written."))
        else:
            self.stdout.write(
                self.style.SUCCESS(f"Demo content loaded from {len(paths)} file{'s' if len(paths) != 1 else ''}.")
            )


def load_files(paths, loaded=None):
    """Load ``paths`` in order; return counters of created and already-present objects by model.

    ``loaded``, a list, receives every object created.
    """
    created, kept, deferred = Counter(), Counter(), []
    for path in paths:
        for index, item in enumerate(_read(path), start=1):
            where = f"object {index} ({item['model']})"
            try:
                [obj] = serializers.deserialize("python", [item], handle_forward_references=True)
            except (DeserializationError, ObjectDoesNotExist, LookupError, ValueError, TypeError) as error:
                raise FixtureError(path, f"{where}: {_explain(item) or _first_line(error)}") from None
            model = type(obj.object)
            with translation.override("en"):
                label = str(model._meta.verbose_name_plural)
            if obj.object.pk is not None and model._default_manager.filter(pk=obj.object.pk).exists():
                kept[label] += 1
                continue
            if model is Tag and (problem := tag_problem(obj.object.name)) is not None:
                # Named as the forms name it, not as the slug it would have had.
                raise FixtureError(path, f"{where}: {' '.join(problem.messages)}")
            try:
                obj.object.full_clean(exclude=[field.name for field in obj.deferred_fields or ()])
                obj.save()
            except ValidationError as error:
                raise FixtureError(path, f"{where}: {_validation_message(error)}") from None
            except DatabaseError as error:
                raise FixtureError(path, f"{where}: the database refused it ({_first_line(error)})") from None
            created[label] += 1
            if loaded is not None:
                loaded.append(obj.object)
            if obj.deferred_fields:
                deferred.append((path, where, item, obj))
    # References to objects that come later in the fixtures (a park's operator
    # is an enterprise) are filled in once everything is there.
    for path, where, item, obj in deferred:
        try:
            obj.save_deferred_fields()
        except (DeserializationError, ObjectDoesNotExist, LookupError, ValueError, TypeError):
            raise FixtureError(path, f"{where}: {_explain(item) or 'a reference could not be resolved'}") from None
    return created, kept


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
