"""Generated parks and enterprises, and the operators of parks."""

import time
from datetime import timedelta

from content.models import Status
from demo.scale.plan import FLAGSHIP_MEMBERS, SLUG_FORMATS, EnterpriseInfo, ParkInfo
from demo.scale.sinks import Buffer
from demo.scale.text import Filler, decimal, distinct_indices, fill, pick, pick_index, pinyin_title
from demo.scale.vocabulary import (
    CLOSINGS,
    COMPANY_FORMS,
    DISTRICTS,
    DISTRICTS_EN,
    EXCHANGES,
    INDUSTRIES,
    OPERATOR_KINDS,
    OTHER_KINDS,
    PARK_SUFFIXES,
    PARTNERS,
    QUALIFICATION_ODDS,
    SENTENCES_ENTERPRISE,
    SENTENCES_PARK,
    TOP_KINDS,
    TRADE_CHARACTERS,
    VOCABULARY,
)
from parks.models import Enterprise, Park, TaggedEnterprise, TaggedPark


class PlacesMixin:
    """The generator's parks and enterprises phases (see ``Generator``)."""

    # -- parks -------------------------------------------------------------

    def _park_name(self, rng, top, kind, district, industries, taken):
        places = DISTRICTS[district][3]
        for attempt in range(30):
            place, place_en = rng.choice(places)
            suffix, suffix_en = rng.choice(PARK_SUFFIXES[kind])
            theme = INDUSTRIES[industries[attempt % len(industries)]]
            if top or kind == Park.Kind.DEVELOPMENT_ZONE:
                name, name_en = f"青岛{place}{suffix}", f"Qingdao {place_en} {suffix_en}"
            elif kind == Park.Kind.INVESTMENT_PLATFORM and suffix == "国际客厅":
                partner, partner_en = rng.choice(PARTNERS)
                name, name_en = f"{place}{partner}{suffix}", f"{place_en} {partner_en} {suffix_en}"
            else:
                name, name_en = f"{place}{theme[4]}{suffix}", f"{place_en} {theme[1]} {suffix_en}"
            if attempt > 20:
                name, name_en = f"{name}{attempt - 19}期", f"{name_en} Phase {attempt - 19}"
            if name not in taken:
                taken.add(name)
                return name, name_en
        raise RuntimeError("could not find a free park name")  # only with counts far past LIMITS

    def _park_spec(self, rng, index, top_indices, taken):
        top = index < len(top_indices)
        district = pick_index(rng, self.district_weights)
        if top:
            kind = Park.Kind.HIGH_TECH_ZONE if index == 0 else pick(rng, *TOP_KINDS)
            level = Park.Level.NATIONAL if index == 0 or rng.random() < 0.5 else Park.Level.PROVINCIAL
        else:
            kind = pick(rng, *OTHER_KINDS)
            level = pick(rng, ["", Park.Level.PROVINCIAL, Park.Level.MUNICIPAL, Park.Level.DISTRICT], [10, 15, 35, 40])
        industries = distinct_indices(rng, self.industry_weights, rng.randint(2, 4))
        name, name_en = self._park_name(rng, top, kind, district, industries, taken)
        status, published_at = (Status.PUBLISHED, self.now - timedelta(days=rng.randint(30, 3650)))
        if not top:
            status, published_at = self._publication(rng, draft=0.04, scheduled=0.02)
        parent = None
        if not top and top_indices and rng.random() < 0.4:
            same = [i for i in top_indices if self.parks[i].district == district]
            parent = rng.choice(same) if same and rng.random() < 0.8 else rng.choice(top_indices)
        place = name[2:] if name.startswith("青岛") else name
        d = DISTRICTS[district]
        lat, lon = d[5]
        established = rng.randint(1984, 2015) if top else rng.randint(1995, self.now.year - 1)
        area = None
        floor = None
        if kind in (Park.Kind.HIGH_TECH_ZONE, Park.Kind.DEVELOPMENT_ZONE, Park.Kind.PILOT_ZONE):
            area = rng.uniform(8, 300) if top else rng.uniform(2, 60)
        elif kind == Park.Kind.INDUSTRIAL_PARK:
            area = rng.uniform(0.3, 15)
        elif kind == Park.Kind.INNOVATION_PARK:
            area = rng.uniform(0.05, 3)
            floor = rng.uniform(20000, 600000)
        else:
            floor = rng.uniform(1000, 80000)
        ind_names = [INDUSTRIES[i][0] for i in industries]
        values = Filler(rng, published_at.year, park=name, district=d[1], industry=ind_names[0])
        summary = (
            f"{name}位于{d[1]}，{established}年设立，"
            + (f"规划面积{area:.1f}平方公里，" if area and area >= 1 else "")
            + f"重点发展{'、'.join(ind_names)}等产业。"
        )
        paragraphs = [summary] + [s.format_map(values) for s in rng.sample(SENTENCES_PARK, 2)]
        if rng.random() < 0.6:
            paragraphs.append(fill(rng, CLOSINGS, values))
        park = Park(
            name=name,
            name_en=name_en,
            aliases=(place if name.startswith("青岛") else f"青岛{name}") if rng.random() < 0.3 else "",
            slug=SLUG_FORMATS[Park].format(index + 1),
            kind=kind,
            level=level,
            district=d[0],
            address=f"青岛市{d[1]}{rng.choice(d[4])}{rng.randint(1, 999)}号",
            latitude=decimal(lat + rng.uniform(-0.04, 0.04), 6),
            longitude=decimal(lon + rng.uniform(-0.04, 0.04), 6),
            land_area_km2=decimal(area, 3) if area else None,
            floor_area_m2=decimal(floor, 1) if floor else None,
            established_year=established,
            established_month=rng.randint(1, 12) if rng.random() < 0.6 else None,
            summary=summary,
            summary_en=f"{name_en}, {DISTRICTS_EN[d[0]]}: {', '.join(INDUSTRIES[i][1] for i in industries)}.",
            description="".join(f"<p>{p}</p>" for p in paragraphs),
            contact_phone=f"0532-{rng.randint(80000000, 89999999)}" if rng.random() < 0.7 else "",
            status=status,
            published_at=published_at,
        )
        park.set_sort_keys()  # bulk_create skips the pre_save receiver that sets them (parks/signals.py)
        info = ParkInfo(name=name, district=district, industries=industries)
        return park, info, parent

    def _generate_parks(self):
        count = self.plan.parks
        if not count:
            return
        rng = self.rng("parks")
        taken = set(Park.objects.values_list("name", flat=True))
        top_count = max(1, round(count / 15))
        top_indices = list(range(top_count))
        tagged = Buffer(self.sink, TaggedPark, self.plan.batch_size * 5)
        started = time.monotonic()
        for start in range(0, count, self.plan.batch_size):
            batch = []
            for index in range(start, min(count, start + self.plan.batch_size)):
                park, info, parent = self._park_spec(rng, index, top_indices, taken)
                self.parks.append(info)
                batch.append((park, parent))
            # Parents are zones, which have no parent themselves: write them first,
            # then the parks inside them can name their parent's id.
            self.sink.create(Park, [park for park, parent in batch if parent is None])
            children = []
            for park, parent in batch:
                if parent is not None:
                    park.parent_id = self.park_pks[parent] if parent < start else batch[parent - start][0].pk
                    children.append(park)
            self.sink.create(Park, children)
            for offset, (park, _) in enumerate(batch):
                index = start + offset
                self.park_pks.append(park.pk)
                primary = VOCABULARY.index(INDUSTRIES[self.parks[index].industries[0]][0])
                for tag in self._tags_for(rng, primary, index == 0):
                    tagged.add(TaggedPark(content_object_id=park.pk, tag_id=self.tag_pks[tag]))
            self.progress("parks", min(count, start + self.plan.batch_size), count, time.monotonic() - started)
        tagged.flush()

    # -- enterprises -------------------------------------------------------

    def _enterprise_spec(self, rng, index, operator_count, taken):
        operator = index < operator_count
        district = pick_index(rng, self.district_weights)
        industry = pick_index(rng, self.industry_weights)
        tag, tag_en, businesses, products, _ = INDUSTRIES[industry]
        d = DISTRICTS[district]
        listed = not operator and rng.random() < 0.03
        for attempt in range(50):
            if operator:
                place, place_en = rng.choice(d[3])
                kind, short_kind, kind_en = rng.choice(OPERATOR_KINDS)
                name, short, name_en = f"青岛{place}{kind}", f"{place}{short_kind}", f"Qingdao {place_en} {kind_en}"
            else:
                trade = rng.choice(TRADE_CHARACTERS) + rng.choice(TRADE_CHARACTERS)
                business, business_en = rng.choice(businesses)
                form, form_en = ("股份有限公司", "Co., Ltd.") if listed else pick(rng, *COMPANY_FORMS)
                region, region_en = ("山东", "Shandong") if rng.random() < 0.05 else ("青岛", "Qingdao")
                name = f"{region}{trade}{business}{form}"
                short = trade + business[:2]
                name_en = f"{region_en} {pinyin_title(trade)} {business_en} {form_en}"
            if attempt >= 40:
                name = f"{name[:-4]}（{d[1]}）{name[-4:]}"
            if name not in taken:
                taken.add(name)
                break
        else:
            raise RuntimeError("could not find a free enterprise name")  # only with counts far past LIMITS
        if operator:
            status, published_at = Status.PUBLISHED, self.now - timedelta(days=rng.randint(30, 3650))
        else:
            status, published_at = self._publication(rng, draft=0.05, scheduled=0.02)
        stock_code = exchange = ""
        if listed:
            exchange, prefixes = pick(rng, *EXCHANGES)
            prefix = rng.choice(prefixes)
            digits = 4 if exchange == Enterprise.Exchange.HKEX else 6
            stock_code = prefix + "".join(str(rng.randint(0, 9)) for _ in range(digits - len(prefix)))
        qualifications = ["state-owned"] if operator or rng.random() < 0.03 else []
        if listed:
            qualifications.append("listed")
        qualifications += [slug for slug, odds in QUALIFICATION_ODDS if rng.random() < odds]
        if "specialised" in qualifications and rng.random() < 0.2:
            qualifications.append("little-giant")
        parks = []
        others = self.plan.parks - 1  # parks besides the flagship
        if self.plan.parks:
            if index < min(self.plan.enterprises, FLAGSHIP_MEMBERS) or not others:
                parks = [0]
            elif self.parks_by_industry.get(industry) and rng.random() < 0.6:
                parks = [rng.choice(self.parks_by_industry[industry])]
            else:
                parks = [1 + pick_index(rng, self.other_park_weights)]
            if others - (parks[0] != 0) >= 1 and rng.random() < 0.3:
                second = parks[0]
                while second in parks:
                    second = 1 + pick_index(rng, self.other_park_weights)
                parks.append(second)
        founded = rng.randint(1990, 2020) if operator else rng.randint(1984, self.now.year - 1)
        product = rng.choice(products)
        park_name = self.parks[parks[0]].name if parks else ""
        where = f"入驻{park_name}，" if park_name else ""
        summary = (
            f"{short}成立于{founded}年，总部位于青岛市{d[1]}，{where}主要从事{product}等{tag}产品的研发、生产和销售。"
        )
        if operator:
            summary = f"{short}成立于{founded}年，是{d[1]}国有独资的园区开发运营和产业投资平台。"
        values = Filler(rng, published_at.year, ent=short, district=d[1], industry=tag, product=product,
                         park_or_district=park_name or d[1])  # fmt: skip
        paragraphs = [summary] + [s.format_map(values) for s in rng.sample(SENTENCES_ENTERPRISE, rng.randint(1, 3))]
        enterprise = Enterprise(
            name=name,
            short_name=short,
            name_en=name_en,
            slug=SLUG_FORMATS[Enterprise].format(index + 1),
            stock_code=stock_code,
            exchange=exchange,
            founded_year=founded,
            founded_month=rng.randint(1, 12) if rng.random() < 0.5 else None,
            headquarters=f"青岛市{d[1]}{rng.choice(d[4])}{rng.randint(1, 999)}号",
            summary=summary,
            summary_en=f"{name_en}: {tag_en}.",
            description="".join(f"<p>{p}</p>" for p in paragraphs),
            status=status,
            published_at=published_at,
        )
        enterprise.set_sort_keys()  # as for parks
        info = EnterpriseInfo(short_name=short, district=district, industry=industry, parks=parks)
        return enterprise, info, qualifications

    def _generate_enterprises(self):
        count = self.plan.enterprises
        if not count:
            return
        rng = self.rng("enterprises")
        taken = set(Enterprise.objects.values_list("name", flat=True))
        # A state-owned operator for every few parks (their names come from a few
        # dozen place names, hence the cap).
        self.operator_count = min(count, max(1, self.plan.parks // 4), 150) if self.plan.parks else 0
        # Most companies sit in a park whose leading industries include theirs.
        self.parks_by_industry = {}
        for index, park in enumerate(self.parks[1:], start=1):
            for industry in park.industries:
                self.parks_by_industry.setdefault(industry, []).append(index)
        size = self.plan.batch_size * 5
        park_links = Buffer(self.sink, Enterprise.parks.through, size)
        held = Buffer(self.sink, Enterprise.qualifications.through, size)
        tagged = Buffer(self.sink, TaggedEnterprise, size)
        started = time.monotonic()
        step = max(self.plan.batch_size, count // 10)
        for start in range(0, count, self.plan.batch_size):
            batch = []
            for index in range(start, min(count, start + self.plan.batch_size)):
                enterprise, info, qualifications = self._enterprise_spec(rng, index, self.operator_count, taken)
                self.enterprises.append(info)
                for park in info.parks:
                    self.parks[park].members.append(index)
                batch.append((enterprise, info, qualifications))
            self.sink.create(Enterprise, [e for e, _, _ in batch])
            for offset, (enterprise, info, qualifications) in enumerate(batch):
                self.enterprise_pks.append(enterprise.pk)
                for park in info.parks:
                    park_links.add(Enterprise.parks.through(enterprise_id=enterprise.pk, park_id=self.park_pks[park]))
                for slug in qualifications:
                    if slug in self.qualification_pks:
                        held.add(
                            Enterprise.qualifications.through(
                                enterprise_id=enterprise.pk, qualification_id=self.qualification_pks[slug]
                            )
                        )
                primary = VOCABULARY.index(INDUSTRIES[info.industry][0])
                for tag in self._tags_for(rng, primary, start + offset == 0):
                    tagged.add(TaggedEnterprise(content_object_id=enterprise.pk, tag_id=self.tag_pks[tag]))
            done = min(count, start + self.plan.batch_size)
            if done % step < self.plan.batch_size or done == count:
                self.progress("enterprises", done, count, time.monotonic() - started)
        for buffer in (park_links, held, tagged):
            buffer.flush()

    def _assign_operators(self):
        """Half the parks (every zone) are run by one of the state-owned operators."""
        if not self.operator_count or not self.parks:
            return
        rng = self.rng("operators")
        by_district = {}
        for index in range(self.operator_count):
            by_district.setdefault(self.enterprises[index].district, []).append(index)
        updates = []
        for index, park in enumerate(self.parks):
            if park.members and (index < max(1, round(len(self.parks) / 15)) or rng.random() < 0.5):
                candidates = by_district.get(park.district) or range(self.operator_count)
                operator = rng.choice(candidates)
                updates.append(Park(pk=self.park_pks[index], operator_id=self.enterprise_pks[operator]))
                if operator not in park.members and rng.random() < 0.5:
                    park.members.append(operator)
        self.sink.update(Park, updates, ["operator"])
        self.sink.created["parks with an operator"] += len(updates)
