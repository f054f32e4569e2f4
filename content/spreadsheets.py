"""Spreadsheets in and out of the admin: reading and writing XLSX and CSV files safely.

django-import-export (``content.sheet_resources`` and ``content.sheet_admin``)
does the importing; this module decides what a file may be and how its cells
are read and written, so that a round trip (export, edit one cell, import)
changes exactly that cell, and a file that cannot be imported is refused as a
whole with a message that says why, before anything is written:

- Limits: ``SPREADSHEET_MAX_BYTES`` (5 MB) and ``SPREADSHEET_MAX_ROWS``
  (5,000 rows besides the header). Rows are read one at a time and reading
  stops at the first row over the limit, so a 50,000-row file is refused after
  reading 5,001 rows, not all of them. An XLSX file is a zip archive: its
  unpacked size is checked before anything in it is parsed.
- Encodings: a CSV file is read as UTF-8 (with or without the byte-order mark
  Excel writes for "CSV UTF-8"); failing that, as GBK (GB 18030, its
  superset), which is what Excel on a Chinese Windows writes for plain "CSV".
  The preview says which encoding was used, so a file misread as GBK shows
  up before anything is written. Bytes that are neither are refused.
- Formulas: a spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or
  ``@``. Exported XLSX text cells are written as text, never as formulas;
  exported CSV cells that would run get a leading apostrophe (``'=...``),
  which the import takes away again, so the round trip is exact. An imported
  XLSX formula cell, or a CSV cell that would run (unless it is a plain
  number such as ``-3.5``), becomes a ``Formula``, which the import refuses
  with the row and column.
- Blank rows are left out; every row keeps the number the spreadsheet shows
  (the header is row 1), and messages use it.
"""

import csv
import io
import re
import zipfile

import tablib
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from import_export.formats import base_formats

# What a spreadsheet runs as a formula when a cell starts with it (OWASP "CSV injection"); tab and
# carriage return are on the list too, but cells are stripped of outer white space when read.
FORMULA_TRIGGERS = ("=", "+", "-", "@")
_NEEDS_APOSTROPHE = re.compile(r"'*[=+\-@\t\r]")
_ESCAPED = re.compile(r"'+[=+\-@\t\r]")
# A signed number is what it looks like, in a spreadsheet as here.
_PLAIN_NUMBER = re.compile(r"[+-]?\d[\d.,]*\Z")
# An XLSX archive unpacks to many times its size; this bounds what may be unpacked.
MAX_UNPACKED_FACTOR = 20


def max_rows():
    return getattr(settings, "SPREADSHEET_MAX_ROWS", 5000)


def max_bytes():
    return getattr(settings, "SPREADSHEET_MAX_BYTES", 5 * 1024 * 1024)


class SheetProblem(Exception):
    """A file that cannot be imported at all; the message is for the editor."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class Formula(str):
    """A cell that a spreadsheet would run: kept as written, refused by the import."""


def escape_for_csv(value):
    """``value`` as a CSV cell that no spreadsheet runs; ``read_csv_cell`` undoes it exactly."""
    if isinstance(value, str) and _NEEDS_APOSTROPHE.match(value) and not _PLAIN_NUMBER.match(value):
        return "'" + value
    return value


def read_csv_cell(value):
    value = value.strip()
    if _ESCAPED.match(value):
        return value[1:]
    if value.startswith(FORMULA_TRIGGERS) and not _PLAIN_NUMBER.match(value):
        return Formula(value)
    return value


def _xlsx_cell(cell):
    value = cell.value
    if cell.data_type == "f":
        return Formula(str(getattr(value, "text", value)))
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, float) and value.is_integer():
        return int(value)  # a year typed in Excel comes back as 2017.0
    return "" if value is None else value


def _is_blank(values):
    return all(value in ("", None) for value in values)


def _too_many_rows():
    limit = max_rows()
    return SheetProblem(
        ngettext(
            "The file has more than %(limit)s row. Split it into files of at most %(limit)s row each.",
            "The file has more than %(limit)s rows. Split it into files of at most %(limit)s rows each.",
            limit,
        )
        % {"limit": limit}
    )


def build_dataset(rows):
    """A dataset from ``rows`` (the header first), with the spreadsheet's row numbers in ``row_numbers``.

    ``rows`` is consumed one row at a time and left at the first row over the limit.
    """
    rows = iter(rows)
    header = next(rows, None)
    if header is None or _is_blank(header):
        raise SheetProblem(_("The file is empty: its first row must name the columns."))
    headers = [str(name).strip().lower() if name is not None else "" for name in header]
    while headers and not headers[-1]:
        headers.pop()
    width = len(headers)
    data, numbers, limit = [], [], max_rows()
    for number, values in enumerate(rows, start=2):
        values = list(values)
        if _is_blank(values):
            continue
        if len(data) == limit:
            raise _too_many_rows()
        extra = values[width:]
        if not _is_blank(extra):
            raise SheetProblem(
                _("Row %(row)s has values in a column without a name in the first row.") % {"row": number}
            )
        data.append((values + [""] * width)[:width])
        numbers.append(number)
    unnamed = [str(index + 1) for index, name in enumerate(headers) if not name]
    if unnamed:
        raise SheetProblem(_("Column %(columns)s has no name in the first row.") % {"columns": ", ".join(unnamed)})
    duplicates = sorted({name for name in headers if headers.count(name) > 1})
    if duplicates:
        raise SheetProblem(_("The first row names a column twice: %(columns)s.") % {"columns": ", ".join(duplicates)})
    if not data:
        raise SheetProblem(_("The file has no rows besides the column names."))
    dataset = tablib.Dataset(*data, headers=headers)
    dataset.row_numbers = numbers
    dataset.source_encoding = None
    return dataset


def decode_csv(data):
    """The text of a CSV file and the encoding it was read with (UTF-8 first, then GBK)."""
    try:
        return data.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "GBK"
    except UnicodeDecodeError:
        raise SheetProblem(
            _(
                "This file is not text in UTF-8 or GBK, the encodings spreadsheet programs save CSV files in. "
                "Save it as “CSV UTF-8” (or as an Excel workbook, XLSX) and upload it again."
            )
        ) from None


def read_csv(data):
    text, encoding = decode_csv(data)
    if "\x00" in text:
        raise SheetProblem(_("This file is not a CSV file (it contains binary data). Choose the format it has."))
    try:
        dataset = build_dataset([read_csv_cell(cell) for cell in row] for row in csv.reader(io.StringIO(text)))
    except csv.Error as error:
        raise SheetProblem(_("This CSV file is malformed: %(error)s.") % {"error": error}) from None
    dataset.source_encoding = encoding
    return dataset


def read_xlsx(data):
    import openpyxl

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, ValueError):
        raise SheetProblem(
            _("This file is not an Excel workbook (XLSX), or it is damaged. Choose the format it has.")
        ) from None
    if unpacked > MAX_UNPACKED_FACTOR * max_bytes():
        raise _too_many_rows()
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds for a damaged archive
        raise SheetProblem(
            _("This file is not an Excel workbook (XLSX), or it is damaged. Choose the format it has.")
        ) from None
    try:
        return build_dataset([_xlsx_cell(cell) for cell in row] for row in book.active.iter_rows())
    finally:
        book.close()


def write_xlsx(dataset):
    """The dataset as a workbook in which every text cell is text: nothing in it runs as a formula."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    sheet = book.create_sheet(dataset.title or "Sheet1")
    sheet.freeze_panes = "A2"

    def cell(value, **style):
        written = WriteOnlyCell(sheet, value=value)
        if isinstance(value, str):
            written.data_type = "s"
        for name, setting in style.items():
            setattr(written, name, setting)
        return written

    sheet.append([cell(name, font=Font(bold=True)) for name in dataset.headers])
    for row in dataset:
        sheet.append([cell(value) for value in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


class CSVFormat(base_formats.CSV):
    """CSV read as bytes (so that this module picks the encoding) and written as UTF-8 with a byte-order mark.

    The mark is what makes Excel on a Chinese Windows read UTF-8 instead of GBK.
    """

    native_types = False

    def is_binary(self):
        return True

    def get_read_mode(self):
        return "rb"

    def create_dataset(self, in_stream, **kwargs):
        if in_stream is None:
            raise SheetProblem(_("The uploaded file is no longer available. Upload it again."))
        return read_csv(in_stream)

    def export_data(self, dataset, **kwargs):
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(dataset.headers)
        for row in dataset:
            writer.writerow([escape_for_csv(value) for value in row])
        return "\ufeff" + buffer.getvalue()


class XLSXFormat(base_formats.XLSX):
    native_types = True

    def create_dataset(self, in_stream, **kwargs):
        if in_stream is None:
            raise SheetProblem(_("The uploaded file is no longer available. Upload it again."))
        return read_xlsx(in_stream)

    def export_data(self, dataset, **kwargs):
        return write_xlsx(dataset)


FORMATS = [XLSXFormat, CSVFormat]
