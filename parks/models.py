"""Parks (zones, innovation parks, incubators, investment platforms) and enterprises.

This app sits below ``news`` and never imports it. A figure names its source
article through a lazy reference (``"news.Article"``) that only the pages
above follow; the park and enterprise pages, which show news, are composed
in bureau/places.py.
"""

import re
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from taggit.managers import TaggableManager

from content.filters import filter_url
from content.images import CheckedImageField
from content.links import page_url
from content.localize import is_english
from content.models import NaturalKeyTaggedItem, Publishable, PublishableManager, PublishableQuerySet
from content.numbers import HAN, understands
from content.sorting import english_key, pinyin_key

# Sort keys are cut here: a key longer than this orders nothing that its first syllables have not.
SORT_KEY_LENGTH = 300


class District(models.TextChoices):
    # Qingdao's seven districts and three county-level cities.
    SHINAN = "shinan", _("Shinan District")
    SHIBEI = "shibei", _("Shibei District")
    LICANG = "licang", _("Licang District")
    LAOSHAN = "laoshan", _("Laoshan District")
    HUANGDAO = "huangdao", _("Huangdao District (West Coast New Area)")
    CHENGYANG = "chengyang", _("Chengyang District")
    JIMO = "jimo", _("Jimo District")
    JIAOZHOU = "jiaozhou", _("Jiaozhou")
    PINGDU = "pingdu", _("Pingdu")
    LAIXI = "laixi", _("Laixi")
    OUTSIDE = "outside", _("Outside Qingdao")


class Qualifier(models.TextChoices):
    """How a source qualifies a number: 超过 200家 (more than), 约75亿元 (about). Figures and project amounts."""

    EXACT = "", _("exactly")
    OVER = "over", _("more than")
    ABOUT = "about", _("about")
    UNDER = "under", _("less than")


def qualified(qualifier, text):
    """``text`` (a number and its unit) after the qualifier's words in the current language: 约 75亿元, about CNY 7.5
    billion; ``text`` alone when the number is exact. The one way figures and project amounts word it."""
    return f"{Qualifier(qualifier).label} {text}" if qualifier else text


# A telephone number as investors are given one: digits, spaces, + - ( ) (full-width brackets too, as Chinese
# text has them), and an extension after 转, 分机 or ext. Loose on purpose: it refuses words, not formats.
PHONE = re.compile(r"^\s*(\+?[\d\s()（）\-]*\d[\d\s()（）\-]*?)\s*(?:(?:转|分机|ext\.?)\s*(\d+))?\s*$", re.IGNORECASE)


def validate_phone(value):
    match = PHONE.match(value)
    if not match or sum(char.isdigit() for char in match.group(1)) < 3:
        raise ValidationError(
            _(
                "Write one telephone number with digits, spaces and + - ( ), and an extension after 转 or ext, "
                "for example 0532-8888 8888 转 123. Put an e-mail address in the e-mail field."
            ),
            code="invalid_phone",
        )


def tel_url(phone):
    """A tel: address for ``phone`` (tel:053288888888;ext=123), or "" for text that is not one number."""
    match = PHONE.match(phone or "")
    if not match or sum(char.isdigit() for char in match.group(1)) < 3:
        return ""
    number = re.sub(r"[^\d+]", "", match.group(1))
    return f"tel:{number};ext={match.group(2)}" if match.group(2) else f"tel:{number}"


def contact_phone_field():
    # As long as the old one-line contact was, so that text the migration could not split is kept whole.
    return models.CharField(
        _("contact telephone"),
        max_length=300,
        blank=True,
        validators=[validate_phone],
        help_text=_("For investors, for example 0532-8888 8888 转 123."),
    )


def contact_email_field():
    return models.EmailField(
        _("contact e-mail"),
        blank=True,
        help_text=_("Inquiries from the contact form about this page are e-mailed here (else to the bureau's desk)."),
    )


class PartialDate(models.Model):
    """A date known to the year, or to the year and month, as sources give it."""

    class Meta:
        abstract = True

    def partial_date(self, prefix):
        year, month = getattr(self, f"{prefix}_year"), getattr(self, f"{prefix}_month")
        if not year:
            return ""
        return f"{year}-{month:02d}" if month else str(year)

    def clean_partial_date(self, prefix):
        if getattr(self, f"{prefix}_month") and not getattr(self, f"{prefix}_year"):
            raise ValidationError({f"{prefix}_month": _("A month needs a year.")})


def year_field(verbose_name):
    return models.PositiveSmallIntegerField(
        verbose_name, null=True, blank=True, validators=[MinValueValidator(1800), MaxValueValidator(2200)]
    )


def month_field(verbose_name):
    return models.PositiveSmallIntegerField(
        verbose_name,
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("Leave empty when the source gives only the year."),
    )


class ListedQuerySet(PublishableQuerySet):
    def in_reading_order(self):
        """By the name a reader sees on the page: its pinyin on Chinese pages (``sort_name``), its English
        name on English pages (``sort_name_en``, where an item without an English name sorts by its pinyin).

        The full name breaks ties (homophones, one short name for two companies) so that pages never
        overlap; each order has its index.
        """
        return self.order_by("sort_name_en" if is_english() else "sort_name", "name")

    def featured(self):
        """What staff chose to lead the home page, as far as it is public."""
        return self.published().filter(featured=True)


class ParkQuerySet(ListedQuerySet):
    def featured(self):
        # The home page shows Qingdao's parks: one outside the city is never among them, featured or not.
        return super().featured().exclude(district=District.OUTSIDE)


def sort_name_field(verbose_name):
    return models.CharField(verbose_name, max_length=SORT_KEY_LENGTH, blank=True, editable=False)


class TaggedPark(NaturalKeyTaggedItem):
    content_object = models.ForeignKey("Park", on_delete=models.CASCADE)

    class Meta:
        verbose_name = _("park tag")
        verbose_name_plural = _("park tags")


class TaggedEnterprise(NaturalKeyTaggedItem):
    content_object = models.ForeignKey("Enterprise", on_delete=models.CASCADE)

    class Meta:
        verbose_name = _("enterprise tag")
        verbose_name_plural = _("enterprise tags")


class Park(PartialDate, Publishable):
    class Kind(models.TextChoices):
        DEVELOPMENT_ZONE = "development_zone", _("Development zone")
        HIGH_TECH_ZONE = "high_tech_zone", _("High-tech zone")
        INDUSTRIAL_PARK = "industrial_park", _("Industrial park")
        INNOVATION_PARK = "innovation_park", _("Innovation park")
        INCUBATOR = "incubator", _("Incubator or accelerator")
        INVESTMENT_PLATFORM = "investment_platform", _("Investment platform")
        PILOT_ZONE = "pilot_zone", _("Free-trade or pilot zone")

    class Level(models.TextChoices):
        NATIONAL = "national", _("National")
        PROVINCIAL = "provincial", _("Provincial")
        MUNICIPAL = "municipal", _("Municipal")
        DISTRICT = "district", pgettext_lazy("park level", "District")

    html_fields = ("description",)
    image_fields = ("image",)
    snapshot_children = ("figures",)

    name = models.CharField(_("name"), max_length=200, unique=True)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    aliases = models.CharField(
        _("aliases"),
        max_length=500,
        blank=True,
        help_text=_("Other names the press uses, separated by commas (for example 青岛高新区, 高新区)."),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        blank=True,
        help_text=_("The address of the page, in ASCII. Left empty, it is made from the name in pinyin."),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind, default=Kind.INDUSTRIAL_PARK)
    level = models.CharField(_("level"), max_length=20, choices=Level, blank=True)
    district = models.CharField(_("district"), max_length=20, choices=District, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent park"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        help_text=_("The zone this park belongs to, if any."),
    )
    operator = models.ForeignKey(
        "Enterprise",
        verbose_name=_("operator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="operated_parks",
        help_text=_("The company that builds or runs the park."),
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True,
                                   validators=[MinValueValidator(-90), MaxValueValidator(90)])  # fmt: skip
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True,
                                    validators=[MinValueValidator(-180), MaxValueValidator(180)])  # fmt: skip
    land_area_km2 = models.DecimalField(_("land area (km²)"), max_digits=10, decimal_places=3, null=True, blank=True)
    floor_area_m2 = models.DecimalField(_("floor area (m²)"), max_digits=12, decimal_places=1, null=True, blank=True)
    # 总面积 as a source states it, which is not 建筑面积 (floor area): a source that gives only a total area
    # is not read as one of the other two.
    total_area_m2 = models.DecimalField(_("total area (m²)"), max_digits=12, decimal_places=1, null=True, blank=True)
    area_source = models.ForeignKey(
        "news.Article",
        verbose_name=_("source of the areas"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The article the areas were taken from, so visitors can check them."),
    )
    established_year = year_field(_("year established"))
    established_month = month_field(_("month established"))
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("One or two sentences for lists and search results.")
    )
    summary_en = models.TextField(_("English summary"), blank=True)
    description = models.TextField(_("description"), blank=True, help_text=_("Rich text; unsafe HTML is refused."))
    image = CheckedImageField(
        _("image"), upload_to="parks/%Y/", blank=True, width_field="image_width", height_field="image_height"
    )
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_alt = models.CharField(_("image description"), max_length=250, blank=True,
                                 help_text=_("What the image shows, for visitors who cannot see it."))  # fmt: skip
    website = models.URLField(_("website"), blank=True)
    contact_phone = contact_phone_field()
    contact_email = contact_email_field()
    featured = models.BooleanField(
        _("featured"),
        default=False,
        help_text=_(
            "Featured parks are the home page's key parks, in name order; with none featured, the home page shows "
            "no parks. A park outside Qingdao is never shown there, even if featured."
        ),
    )
    # Set from the names on every save (parks/signals.py): see content/sorting.py.
    sort_name = sort_name_field(_("sort key"))
    sort_name_en = sort_name_field(_("English sort key"))

    tags = TaggableManager(verbose_name=_("leading industries and topics"), through=TaggedPark, blank=True)

    objects = PublishableManager.from_queryset(ParkQuerySet)()

    class Meta:
        ordering = ["sort_name", "name"]
        verbose_name = _("park")
        verbose_name_plural = _("parks")
        permissions = [("publish_park", _("Can publish and unpublish parks"))]
        indexes = [
            # Public park list, Chinese and English: published() in the list's order (in_reading_order), so a
            # page is read in order from the index and stops after its rows.
            models.Index(fields=["status", "sort_name", "name", "published_at"], name="park_list_idx"),
            models.Index(fields=["status", "sort_name_en", "name", "published_at"], name="park_list_en_idx"),
            # The park list's district/level/kind filters.
            models.Index(fields=["district", "level", "kind"], name="park_filter_idx"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return page_url("parks:park_detail", self.slug)

    def get_preview_url(self):
        return reverse("parks:park_preview", kwargs={"pk": self.pk})

    def set_sort_keys(self):
        self.sort_name = pinyin_key(self.name, SORT_KEY_LENGTH)
        self.sort_name_en = english_key(self.name_en, self.sort_name, SORT_KEY_LENGTH)

    @property
    def outside_qingdao(self):
        return self.district == District.OUTSIDE

    @property
    def established(self):
        return self.partial_date("established")

    @property
    def phone_url(self):
        return tel_url(self.contact_phone)

    @property
    def map_url(self):
        """A link to the park on OpenStreetMap: a link only, so the page itself loads nothing from that host."""
        if self.latitude is None or self.longitude is None:
            return ""
        lat, lon = format(self.latitude.normalize(), "f"), format(self.longitude.normalize(), "f")
        return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=15/{lat}/{lon}"

    def alias_list(self):
        return [a.strip() for a in self.aliases.replace("，", ",").replace("、", ",").split(",") if a.strip()]

    def clean(self):
        self.clean_partial_date("established")
        if self.parent_id and self.pk and self._parent_chain_contains(self.pk):
            raise ValidationError({"parent": _("A park cannot sit inside itself or inside one of its own sub-parks.")})
        if self.image and not self.image_alt:
            raise ValidationError({"image_alt": _("Describe the image for visitors who cannot see it.")})

    def _parent_chain_contains(self, pk):
        seen, current = set(), self.parent
        while current is not None and current.pk not in seen:
            if current.pk == pk:
                return True
            seen.add(current.pk)
            current = current.parent
        return False


class QualificationManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Qualification(models.Model):
    """A recognition an enterprise holds: listed, unicorn, gazelle, high-tech, ..."""

    slug = models.SlugField(_("slug"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)
    name_en = models.CharField(_("English name"), max_length=100, blank=True)

    objects = QualificationManager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("qualification")
        verbose_name_plural = _("qualifications")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return filter_url("parks:enterprise_list", qualification=self.slug)

    def natural_key(self):
        return (self.slug,)


class Enterprise(PartialDate, Publishable):
    class Exchange(models.TextChoices):
        SSE = "SSE", _("Shanghai Stock Exchange")
        SZSE = "SZSE", _("Shenzhen Stock Exchange")
        BSE = "BSE", _("Beijing Stock Exchange")
        HKEX = "HKEX", _("Hong Kong Stock Exchange")
        NASDAQ = "NASDAQ", _("NASDAQ")
        NYSE = "NYSE", _("New York Stock Exchange")
        OTHER = "OTHER", _("Other exchange")

    html_fields = ("description",)
    image_fields = ("logo",)
    snapshot_children = ("figures",)

    name = models.CharField(_("full legal name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=100, blank=True,
                                  help_text=_("The name the press uses, for example 创新奇智."))  # fmt: skip
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    aliases = models.CharField(_("aliases"), max_length=500, blank=True,
                               help_text=_("Other names, separated by commas."))  # fmt: skip
    slug = models.SlugField(_("slug"), max_length=100, unique=True, blank=True,
                            help_text=_("The address of the page, in ASCII. Left empty, it is made from the name in pinyin."))  # fmt: skip
    stock_code = models.CharField(
        _("stock code"), max_length=20, blank=True, help_text=_("For example 2121 or 600690.")
    )
    exchange = models.CharField(_("exchange"), max_length=10, choices=Exchange, blank=True)
    founded_year = year_field(_("year founded"))
    founded_month = month_field(_("month founded"))
    headquarters = models.CharField(_("headquarters"), max_length=200, blank=True)
    parks = models.ManyToManyField(Park, verbose_name=_("parks"), blank=True, related_name="enterprises")
    qualifications = models.ManyToManyField(
        Qualification, verbose_name=_("qualifications"), blank=True, related_name="enterprises"
    )
    investors = models.ManyToManyField(
        "self", verbose_name=_("investors"), symmetrical=False, related_name="investments", blank=True,
        help_text=_("Enterprises that hold a stake in this one or invested in it, as a source states."),
    )  # fmt: skip
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("One or two sentences for lists and search results.")
    )
    summary_en = models.TextField(_("English summary"), blank=True)
    description = models.TextField(_("description"), blank=True, help_text=_("Rich text; unsafe HTML is refused."))
    logo = CheckedImageField(
        _("logo"), upload_to="logos/%Y/", blank=True, width_field="logo_width", height_field="logo_height"
    )
    logo_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    logo_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    website = models.URLField(_("website"), blank=True)
    featured = models.BooleanField(
        _("featured"),
        default=False,
        help_text=_(
            "Featured enterprises are the home page's key enterprises, in name order; with none featured, the home "
            "page shows no enterprises."
        ),
    )
    # By the name readers see (the short name, if any), set on every save (parks/signals.py).
    sort_name = sort_name_field(_("sort key"))
    sort_name_en = sort_name_field(_("English sort key"))

    tags = TaggableManager(verbose_name=_("industries and topics"), through=TaggedEnterprise, blank=True)

    objects = PublishableManager.from_queryset(ListedQuerySet)()

    class Meta:
        ordering = ["sort_name", "name"]
        verbose_name = _("enterprise")
        verbose_name_plural = _("enterprises")
        permissions = [("publish_enterprise", _("Can publish and unpublish enterprises"))]
        indexes = [
            # Public lists: published() in the lists' order (in_reading_order), so a page of a filtered list is
            # read in order and stops after its rows, instead of sorting every published enterprise.
            models.Index(fields=["status", "sort_name", "name", "published_at"], name="enterprise_list_idx"),
            models.Index(fields=["status", "sort_name_en", "name", "published_at"], name="enterprise_list_en_idx"),
        ]

    def __str__(self):
        return self.display_name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug_source = "short_name" if self.short_name else "name"
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return page_url("parks:enterprise_detail", self.slug)

    @property
    def display_name(self):
        return self.short_name or self.name

    def get_preview_url(self):
        return reverse("parks:enterprise_preview", kwargs={"pk": self.pk})

    def set_sort_keys(self):
        self.sort_name = pinyin_key(self.display_name, SORT_KEY_LENGTH)
        self.sort_name_en = english_key(self.name_en, self.sort_name, SORT_KEY_LENGTH)

    @property
    def founded(self):
        return self.partial_date("founded")

    def alias_list(self):
        return [a.strip() for a in self.aliases.replace("，", ",").replace("、", ",").split(",") if a.strip()]

    def clean(self):
        self.clean_partial_date("founded")
        if self.exchange and not self.stock_code:
            raise ValidationError({"stock_code": _("An exchange needs a stock code.")})


class Figure(models.Model):
    """A key figure as a source states it, with the article it comes from."""

    Qualifier = Qualifier

    label = models.CharField(_("label"), max_length=100, help_text=_("For example 营业收入 or 入驻企业."))
    label_en = models.CharField(_("English label"), max_length=100, blank=True)
    value = models.DecimalField(_("value"), max_digits=18, decimal_places=4)
    qualifier = models.CharField(_("qualifier"), max_length=10, choices=Qualifier, blank=True, default=Qualifier.EXACT)
    unit = models.CharField(
        _("unit"), max_length=30, blank=True, help_text=_("As the source writes it, for example 亿元, 家 or 平方公里.")
    )
    unit_en = models.CharField(
        _("English unit"),
        max_length=30,
        blank=True,
        help_text=_(
            "Leave empty and English pages convert the unit: 25 亿元 → CNY 2.5 billion, 326 家 → 326 companies. "
            "A unit of your own follows the number exactly as entered, unconverted."
        ),
    )
    year = year_field(_("year"))
    source_article = models.ForeignKey(
        "news.Article",
        verbose_name=_("source article"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The article the figure was taken from, so visitors can check it."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        abstract = True
        ordering = ["position", "pk"]

    def __str__(self):
        value = format(self.value.normalize(), "f") if self.value is not None else ""
        year = f" ({self.year})" if self.year else ""
        return f"{self.label}: {qualified(self.qualifier, f'{value}{self.unit}')}{year}"

    def get_absolute_url(self):
        return self.owner.get_absolute_url()

    def clean(self):
        # English pages must never show a Chinese unit (content/numbers.py): the editor's English unit has to be
        # English, and a unit the converter cannot read needs one.
        if HAN.search(self.unit_en):
            raise ValidationError({"unit_en": _("Write the English unit in English, or leave it empty.")})
        if not self.unit_en and not understands(self.unit):
            message = _("English pages cannot convert the unit “%(unit)s”: write it in English here.")
            raise ValidationError({"unit_en": ValidationError(message, params={"unit": self.unit})})

    @property
    def owner(self):
        return getattr(self, self.owner_field)

    def natural_key(self):
        # Fixtures name a figure by its park or enterprise, label and year.
        return (self.owner.slug, self.label, self.year)


class FigureManager(models.Manager):
    def get_by_natural_key(self, owner_slug, label, year):
        return self.get(**{f"{self.model.owner_field}__slug": owner_slug, "label": label, "year": year})


class ParkFigure(Figure):
    owner_field = "park"
    park = models.ForeignKey(Park, verbose_name=_("park"), on_delete=models.CASCADE, related_name="figures")

    objects = FigureManager()

    class Meta(Figure.Meta):
        verbose_name = _("park figure")
        verbose_name_plural = _("park figures")
        constraints = [
            # The fixtures' natural key; in the admin, a figure entered twice is an error.
            models.UniqueConstraint(fields=["park", "label", "year"], name="parkfigure_unique_label_year"),
        ]


class EnterpriseFigure(Figure):
    owner_field = "enterprise"
    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("enterprise"), on_delete=models.CASCADE, related_name="figures"
    )

    objects = FigureManager()

    class Meta(Figure.Meta):
        verbose_name = _("enterprise figure")
        verbose_name_plural = _("enterprise figures")
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "label", "year"], name="enterprisefigure_unique_label_year"),
        ]


class TaggedProject(NaturalKeyTaggedItem):
    content_object = models.ForeignKey("Project", on_delete=models.CASCADE)

    class Meta:
        verbose_name = _("project tag")
        verbose_name_plural = _("project tags")


class Project(Publishable):
    """An investment project (招商项目) offered, negotiated or signed in a park, with its source.

    Lives with parks because it belongs to a park and may name the enterprise that signed; the article
    it comes from is a lazy reference, as a figure's is, so that this app still never imports news.
    """

    class Stage(models.TextChoices):
        SEEKING = "seeking", _("Seeking investment")
        NEGOTIATING = "negotiating", _("In negotiation")
        SIGNED = "signed", _("Signed")
        OPERATING = "operating", _("Operating")

    slug_source = "title"
    html_fields = ("description",)
    # What the admin's "Missing some English" filter checks (content.admin.MissingEnglishFilter).
    english_fields = ("title", "summary")

    title = models.CharField(_("title"), max_length=200)
    title_en = models.CharField(_("English title"), max_length=200, blank=True)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        blank=True,
        help_text=_("The address of the page, in ASCII. Left empty, it is made from the title in pinyin."),
    )
    stage = models.CharField(_("project status"), max_length=20, choices=Stage, default=Stage.SEEKING)
    park = models.ForeignKey(
        Park, verbose_name=_("park"), null=True, blank=True, on_delete=models.SET_NULL, related_name="projects"
    )
    enterprise = models.ForeignKey(
        Enterprise,
        verbose_name=_("signed with"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="projects",
        help_text=_("The enterprise that signed or runs the project, once there is one."),
    )
    amount = models.DecimalField(
        _("investment amount"), max_digits=14, decimal_places=4, null=True, blank=True,
        help_text=_("The number as the source gives it, for example 25 with the unit 亿元."),
    )  # fmt: skip
    amount_qualifier = models.CharField(
        _("amount qualifier"),
        max_length=10,
        choices=Qualifier,
        blank=True,
        default=Qualifier.EXACT,
        help_text=_("As the source words the amount: 约75亿元 is about 75."),
    )
    amount_unit = models.CharField(
        _("amount unit"),
        max_length=30,
        blank=True,
        default="亿元",
        help_text=_("As the source writes it, for example 亿元 or 万美元; English pages convert it."),
    )
    space = models.CharField(
        _("land or floor space"), max_length=200, blank=True, help_text=_("As the source gives it, for example 300亩.")
    )
    space_en = models.CharField(_("English land or floor space"), max_length=200, blank=True)
    contact_phone = contact_phone_field()
    contact_email = contact_email_field()
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("One or two sentences for lists and search results.")
    )
    summary_en = models.TextField(_("English summary"), blank=True)
    description = models.TextField(_("description"), blank=True, help_text=_("Rich text; unsafe HTML is refused."))
    source_article = models.ForeignKey(
        "news.Article",
        verbose_name=_("source article"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The article that reports the project, so visitors can check it."),
    )

    tags = TaggableManager(verbose_name=_("industries"), through=TaggedProject, blank=True)

    class Meta:
        ordering = ["-published_at", "pk"]
        verbose_name = _("investment project")
        verbose_name_plural = _("investment projects")
        permissions = [("publish_project", _("Can publish and unpublish investment projects"))]
        indexes = [
            # Public project list and feed: published() newest first, read in order from the index.
            models.Index(fields=["status", "-published_at"], name="project_list_idx"),
            # The project list's status filter.
            models.Index(fields=["stage"], name="project_stage_idx"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return page_url("parks:project_detail", self.slug)

    def get_preview_url(self):
        return reverse("parks:project_preview", kwargs={"pk": self.pk})

    @property
    def phone_url(self):
        return tel_url(self.contact_phone)

    @property
    def inquiry_query(self):
        """The inquiry form's query string naming this project (the form lives in the inquiries app)."""
        return urlencode({"project": self.slug})

    def clean(self):
        if self.amount is None and self.amount_qualifier:
            raise ValidationError({"amount_qualifier": _("A qualifier needs an amount.")})
        if self.amount is not None and not self.amount_unit:
            raise ValidationError({"amount_unit": _("An amount needs a unit, for example 亿元.")})
        if self.amount_unit and not understands(self.amount_unit):
            message = _("English pages cannot convert the unit “%(unit)s”: use a unit such as 亿元 or 万美元.")
            raise ValidationError({"amount_unit": ValidationError(message, params={"unit": self.amount_unit})})
        if HAN.search(self.space_en):
            raise ValidationError({"space_en": _("Write the English space in English, or leave it empty.")})
