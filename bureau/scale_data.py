"""Synthetic content at benchmark scale, for `manage.py generate_demo_data`.

This is not the demo (that is ``fixtures/``): it is a large, plausible,
clearly synthetic data set for measuring pages and queries. Names, titles and
bodies are composed from the phrase banks below, so nothing here describes a
real park, company or event.

Every generated object is recognisable by its slug: ``scale-article-000001``,
``scale-park-0001``, ``scale-enterprise-00001`` (prefix and a fixed number of
digits). That is what ``delete_generated`` matches, so content made by
editors, fixtures or the importer is never touched.

Rows are written with ``bulk_create`` (through-model rows for tags and links
too), in batches, so memory stays flat whatever the counts. ``bulk_create``
skips ``Model.save()`` and the ``pre_save`` signal that sanitizes HTML: the
bodies built here are plain ``<p>``/``<h2>`` markup with text that needs no
escaping, and the tests check that ``sanitize`` leaves them unchanged.

All choices go through index-based specs and a seeded ``random.Random`` per
phase; database ids are only attached when rows are written. The same code
therefore runs for a dry run (a sink that hands out fake ids and writes
nothing) and for a real run, and a given seed gives the same content.
"""

import random
import time
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from functools import reduce
from itertools import accumulate
from operator import or_

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, reset_queries
from django.db.models import Exists, OuterRef
from django.utils import timezone
from pypinyin import Style, lazy_pinyin
from taggit.models import Tag, TaggedItem

from content.models import SlugRedirect, Status
from news.models import Article, TaggedArticle
from parks.models import (
    District,
    Enterprise,
    EnterpriseFigure,
    Park,
    ParkFigure,
    Qualification,
    TaggedEnterprise,
    TaggedPark,
)

# Upper limits keep the slug numbers at a fixed width (and typos from filling a disk).
LIMITS = {"articles": 1_000_000, "parks": 10_000, "enterprises": 100_000}
SLUG_FORMATS = {Article: "scale-article-{:06d}", Park: "scale-park-{:04d}", Enterprise: "scale-enterprise-{:05d}"}
SLUG_PATTERNS = {
    Article: r"^scale-article-[0-9]{6}$",
    Park: r"^scale-park-[0-9]{4}$",
    Enterprise: r"^scale-enterprise-[0-9]{5}$",
}

# The benchmark needs one park detail page with about two hundred enterprises:
# the first park (scale-park-0001) gets exactly this many as their main park.
FLAGSHIP_MEMBERS = 200

TEN_YEARS = 10 * 365 * 24 * 3600

# --------------------------------------------------------------------------
# Phrase banks (kept one entry a line: they read as tables)
# --------------------------------------------------------------------------
# fmt: off

# (tag, English, [(enterprise business word, English)], [products], park theme word)
INDUSTRIES = [
    ("人工智能", "Artificial Intelligence", [("智能科技", "Intelligent Technology"), ("人工智能", "Artificial Intelligence")], ["工业视觉检测系统", "智能语音交互平台", "行业大模型", "智能巡检系统"], "人工智能"),
    ("工业互联网", "Industrial Internet", [("工业互联网", "Industrial Internet"), ("数字科技", "Digital Technology")], ["工业互联网平台", "设备远程运维系统", "数字孪生工厂", "标识解析节点"], "工业互联网"),
    ("海洋经济", "Marine Economy", [("海洋科技", "Marine Technology"), ("海洋发展", "Ocean Development")], ["海洋观测浮标", "深远海养殖平台", "海水淡化装置"], "海洋经济"),
    ("新能源汽车", "New Energy Vehicles", [("新能源汽车", "New Energy Vehicle"), ("汽车零部件", "Auto Parts")], ["动力电池包", "电驱动系统", "整车控制器", "车载充电机"], "新能源汽车"),
    ("生物医药", "Biomedicine", [("生物医药", "Biopharmaceutical"), ("生物技术", "Biotechnology"), ("制药", "Pharmaceutical")], ["创新药", "生物制剂", "海洋药物", "疫苗"], "生物医药"),
    ("虚拟现实", "Virtual Reality", [("虚拟现实", "Virtual Reality"), ("数字影像", "Digital Imaging")], ["VR头显", "光学模组", "沉浸式内容平台"], "虚拟现实"),
    ("集成电路", "Integrated Circuits", [("微电子", "Microelectronics"), ("半导体", "Semiconductor")], ["功率芯片", "晶圆封装测试线", "传感器芯片"], "集成电路"),
    ("智能制造", "Smart Manufacturing", [("智能装备", "Intelligent Equipment"), ("自动化", "Automation")], ["智能生产线", "柔性装配系统", "工业机器人工作站"], "智能制造"),
    ("大数据", "Big Data", [("数据科技", "Data Technology"), ("信息技术", "Information Technology")], ["数据中台", "政务数据平台", "数据治理系统"], "大数据"),
    ("高端装备", "High-end Equipment", [("装备制造", "Equipment Manufacturing"), ("精密机械", "Precision Machinery")], ["数控机床", "高端液压件", "精密减速器"], "高端装备"),
    ("新材料", "New Materials", [("新材料", "New Materials"), ("复合材料", "Composite Materials")], ["碳纤维复合材料", "石墨烯材料", "高性能膜材料"], "新材料"),
    ("氢能", "Hydrogen Energy", [("氢能科技", "Hydrogen Technology"), ("氢能源", "Hydrogen Energy")], ["燃料电池电堆", "加氢站装备", "储氢瓶"], "氢能"),
    ("储能", "Energy Storage", [("储能科技", "Energy Storage Technology"), ("电池", "Battery")], ["储能电站", "液流电池", "储能变流器"], "储能"),
    ("光伏", "Photovoltaics", [("光伏", "Photovoltaic"), ("新能源", "New Energy")], ["光伏组件", "分布式光伏电站", "逆变器"], "光伏"),
    ("海洋装备", "Marine Equipment", [("海洋装备", "Marine Equipment"), ("海洋工程", "Offshore Engineering")], ["海洋工程装备", "水下机器人", "海上风电安装平台"], "海工装备"),
    ("海洋生物", "Marine Biology", [("海洋生物", "Marine Biotechnology"), ("海洋生物科技", "Marine Bioscience")], ["海藻多糖", "海洋功能食品", "海洋生物酶制剂"], "海洋生物"),
    ("现代渔业", "Modern Fisheries", [("水产", "Aquatic Products"), ("渔业发展", "Fisheries Development")], ["深远海养殖工船", "冷链水产品", "海洋牧场"], "现代渔业"),
    ("航运物流", "Shipping and Logistics", [("国际物流", "International Logistics"), ("航运", "Shipping")], ["多式联运班列", "港航综合服务", "集装箱物流"], "临港物流"),
    ("跨境电商", "Cross-border E-commerce", [("跨境电子商务", "Cross-border E-commerce"), ("国际贸易", "International Trading")], ["海外仓", "跨境直播基地", "跨境供应链服务"], "跨境电商"),
    ("冷链物流", "Cold-chain Logistics", [("冷链物流", "Cold Chain Logistics"), ("供应链管理", "Supply Chain Management")], ["冷链仓储中心", "冷链运输网络"], "冷链物流"),
    ("轨道交通", "Rail Transit", [("轨道交通装备", "Rail Transit Equipment"), ("轨道科技", "Rail Technology")], ["高速动车组", "城轨车辆", "转向架"], "轨道交通"),
    ("航空航天", "Aerospace", [("航空科技", "Aviation Technology"), ("航天科技", "Aerospace Technology")], ["通用航空器", "航空发动机部件", "机载设备"], "航空航天"),
    ("节能环保", "Energy Saving and Environment", [("环保科技", "Environmental Technology"), ("节能科技", "Energy Saving Technology")], ["污水处理设备", "余热回收系统", "固废资源化装置"], "节能环保"),
    ("医疗器械", "Medical Devices", [("医疗器械", "Medical Devices"), ("医疗科技", "Medical Technology")], ["体外诊断试剂", "手术机器人", "医学影像设备"], "医疗器械"),
    ("软件和信息服务", "Software and IT Services", [("软件", "Software"), ("信息服务", "Information Services")], ["工业软件", "行业应用软件", "信息安全产品"], "软件"),
    ("智能家电", "Smart Home Appliances", [("电器", "Electrical Appliances"), ("智能家居", "Smart Home")], ["智能冰箱", "变频空调压缩机", "智能厨电"], "智能家电"),
    ("超高清视频", "Ultra HD Video", [("视讯科技", "Video Technology"), ("显示科技", "Display Technology")], ["8K显示模组", "超高清摄像机"], "超高清视频"),
    ("元宇宙", "Metaverse", [("元宇宙科技", "Metaverse Technology"), ("数字内容", "Digital Content")], ["数字人", "虚拟展厅", "数字孪生城市"], "元宇宙"),
    ("5G", "5G", [("通信技术", "Communication Technology"), ("通信设备", "Communication Equipment")], ["5G模组", "基站天线", "5G专网"], "5G"),
    ("卫星互联网", "Satellite Internet", [("卫星科技", "Satellite Technology"), ("空天信息", "Aerospace Information")], ["低轨卫星", "星载终端", "卫星遥感服务"], "空天信息"),
    ("机器人", "Robotics", [("机器人", "Robotics"), ("智能机器人", "Intelligent Robotics")], ["协作机器人", "巡检机器人", "服务机器人"], "机器人"),
    ("食品饮料", "Food and Beverages", [("食品", "Food"), ("饮品", "Beverage")], ["精酿啤酒", "海洋食品", "功能饮料"], "食品"),
    ("纺织服装", "Textiles and Apparel", [("服饰", "Apparel"), ("纺织", "Textile")], ["功能性面料", "智能服装"], "纺织服装"),
    ("化工新材料", "New Chemical Materials", [("化工", "Chemical"), ("新材料科技", "Materials Technology")], ["高性能树脂", "特种橡胶", "电子化学品"], "化工新材料"),
    ("船舶制造", "Shipbuilding", [("船舶", "Shipbuilding"), ("船舶重工", "Marine Heavy Industry")], ["大型集装箱船", "LNG运输船", "海洋科考船"], "船舶海工"),
    ("现代金融", "Modern Finance", [("金融服务", "Financial Services"), ("投资管理", "Investment Management")], ["供应链金融平台", "产业投资基金", "科技信贷产品"], "金融"),
    ("文化创意", "Cultural and Creative Industries", [("文化传媒", "Culture and Media"), ("影视", "Film and Television")], ["影视拍摄基地", "数字出版平台", "动漫作品"], "文化创意"),
    ("检验检测", "Testing and Certification", [("检测技术", "Testing Technology"), ("检验认证", "Inspection and Certification")], ["检测认证服务", "计量校准平台"], "检验检测"),
    ("区块链", "Blockchain", [("区块链", "Blockchain"), ("链上科技", "Chain Technology")], ["区块链溯源平台", "数字存证系统"], "区块链"),
    ("云计算", "Cloud Computing", [("云计算", "Cloud Computing"), ("网络科技", "Network Technology")], ["云服务平台", "边缘计算节点", "算力中心"], "算力"),
]

# Cross-cutting topics that complete the shared vocabulary of ~50 tags.
TOPICS = ["数字经济", "绿色低碳", "专精特新", "招商引资", "营商环境", "科技创新", "人才引进", "产业链", "对外开放", "新质生产力"]


def _vocabulary():
    """Tag names, most used first: industries and topics interleaved."""
    names, topics = [], list(TOPICS)
    for i, industry in enumerate(INDUSTRIES):
        names.append(industry[0])
        if i % 4 == 3 and topics:
            names.append(topics.pop(0))
    return names + topics


VOCABULARY = _vocabulary()

# (District, Chinese name, weight, [(place, English)], [roads], (lat, lon))
DISTRICTS = [
    (District.SHINAN, "市南区", 6, [("浮山湾", "Fushan Bay"), ("八大关", "Badaguan"), ("金门路", "Jinmen Road"), ("汇泉湾", "Huiquan Bay")],
     ["香港中路", "东海西路", "山东路", "南京路"], (36.06, 120.38)),
    (District.SHIBEI, "市北区", 7, [("新都心", "Xinduxin"), ("小港湾", "Xiaogang Bay"), ("台东", "Taidong"), ("海云", "Haiyun")],
     ["辽宁路", "延吉路", "敦化路", "重庆南路"], (36.09, 120.37)),
    (District.LICANG, "李沧区", 8, [("楼山", "Loushan"), ("九水", "Jiushui"), ("李村", "Licun"), ("沧口", "Cangkou"), ("虎山", "Hushan")],
     ["九水东路", "金水路", "书院路", "京口路"], (36.15, 120.43)),
    (District.LAOSHAN, "崂山区", 14, [("金家岭", "Jinjialing"), ("沙子口", "Shazikou"), ("王哥庄", "Wanggezhuang"), ("北宅", "Beizhai"), ("石老人", "Shilaoren"), ("海尔路", "Haier Road")],
     ["株洲路", "松岭路", "海尔路", "科苑纬一路", "深圳路"], (36.11, 120.47)),
    (District.HUANGDAO, "西海岸新区", 22, [("灵山湾", "Lingshan Bay"), ("董家口", "Dongjiakou"), ("古镇口", "Guzhenkou"), ("薛家岛", "Xuejiadao"), ("隐珠", "Yinzhu"), ("琅琊", "Langya"), ("泊里", "Boli"), ("唐岛湾", "Tangdao Bay"), ("藏马山", "Zangmashan")],
     ["长江中路", "黄河东路", "江山中路", "漓江西路", "峨眉山路"], (35.96, 120.10)),
    (District.CHENGYANG, "城阳区", 14, [("棘洪滩", "Jihongtan"), ("流亭", "Liuting"), ("上马", "Shangma"), ("夏庄", "Xiazhuang"), ("惜福", "Xifu"), ("红岛", "Hongdao")],
     ["春阳路", "正阳路", "锦宏东路", "山河路"], (36.31, 120.40)),
    (District.JIMO, "即墨区", 12, [("鳌山湾", "Aoshan Bay"), ("蓝村", "Lancun"), ("龙山", "Longshan"), ("温泉", "Wenquan"), ("田横", "Tianheng"), ("通济", "Tongji"), ("龙泉", "Longquan")],
     ["蓝鳌路", "鹤山路", "烟青路", "滨河路"], (36.39, 120.45)),
    (District.JIAOZHOU, "胶州市", 9, [("胶州湾", "Jiaozhou Bay"), ("胶东", "Jiaodong"), ("九龙", "Jiulong"), ("李哥庄", "Ligezhuang"), ("少海", "Shaohai"), ("胶北", "Jiaobei")],
     ["福州南路", "湖州路", "扬州路", "广州北路"], (36.28, 120.03)),
    (District.PINGDU, "平度市", 4, [("南村", "Nancun"), ("同和", "Tonghe"), ("明村", "Mingcun"), ("店子", "Dianzi"), ("蓼兰", "Liaolan")],
     ["红旗路", "杭州路", "常州路"], (36.78, 119.96)),
    (District.LAIXI, "莱西市", 4, [("姜山", "Jiangshan"), ("望城", "Wangcheng"), ("院上", "Yuanshang"), ("沽河", "Guhe"), ("水集", "Shuiji")],
     ["烟台路", "威海路", "上海路"], (36.89, 120.52)),
]

DISTRICTS_EN = {
    District.SHINAN: "Shinan District", District.SHIBEI: "Shibei District", District.LICANG: "Licang District",
    District.LAOSHAN: "Laoshan District", District.HUANGDAO: "West Coast New Area", District.CHENGYANG: "Chengyang District",
    District.JIMO: "Jimo District", District.JIAOZHOU: "Jiaozhou", District.PINGDU: "Pingdu", District.LAIXI: "Laixi",
}  # fmt: skip

# kind -> [(suffix, English)]
PARK_SUFFIXES = {
    Park.Kind.DEVELOPMENT_ZONE: [("经济技术开发区", "Economic and Technological Development Zone"), ("经济开发区", "Economic Development Zone"), ("临港经济区", "Port Economic Zone")],
    Park.Kind.HIGH_TECH_ZONE: [("高新技术产业开发区", "High-tech Industrial Development Zone"), ("科技产业区", "Science and Technology Zone")],
    Park.Kind.PILOT_ZONE: [("综合保税区", "Comprehensive Bonded Zone"), ("开放创新先行区", "Opening-up and Innovation Pilot Zone"), ("产业合作示范区", "Industrial Cooperation Demonstration Zone")],
    Park.Kind.INDUSTRIAL_PARK: [("产业园", "Industrial Park"), ("工业园", "Industrial Park"), ("产业基地", "Industrial Base"), ("制造基地", "Manufacturing Base")],
    Park.Kind.INNOVATION_PARK: [("创新园", "Innovation Park"), ("科创园", "Sci-Tech Park"), ("创新中心", "Innovation Centre"), ("科技城", "Science City"), ("创新港", "Innovation Harbour")],
    Park.Kind.INCUBATOR: [("孵化器", "Incubator"), ("众创空间", "Makerspace"), ("加速器", "Accelerator"), ("创业中心", "Entrepreneurship Centre")],
    Park.Kind.INVESTMENT_PLATFORM: [("国际客厅", "International Living Room"), ("投资服务中心", "Investment Service Centre"), ("产业合作中心", "Industrial Cooperation Centre")],
}
TOP_KINDS = ([Park.Kind.HIGH_TECH_ZONE, Park.Kind.DEVELOPMENT_ZONE, Park.Kind.PILOT_ZONE], [3, 4, 2])
OTHER_KINDS = (
    [Park.Kind.INDUSTRIAL_PARK, Park.Kind.INNOVATION_PARK, Park.Kind.INCUBATOR, Park.Kind.INVESTMENT_PLATFORM, Park.Kind.DEVELOPMENT_ZONE],
    [36, 24, 26, 8, 6],
)
PARTNERS = [("中日", "China-Japan"), ("中韩", "China-Korea"), ("中德", "China-Germany"), ("中欧", "China-Europe"), ("东盟", "ASEAN"), ("上合", "SCO"), ("日韩", "Japan-Korea"), ("中以", "China-Israel")]

TRADE_CHARACTERS = "海瀚澜蓝鲲鹏启明睿智德信恒泰华盛远航清源卓越汇融宏达锐联众合拓晟昊祥瑞博嘉安顺正通成金鼎亿腾凯峰岳澳琴川晨曦星辰云帆舟润泽宇康弘昇锦益诺优立新擎翼朗誉图灵鸿"
COMPANY_FORMS = ([("有限公司", "Co., Ltd."), ("股份有限公司", "Co., Ltd."), ("集团有限公司", "Group Co., Ltd.")], [70, 20, 10])
OPERATOR_KINDS = [("投资发展集团有限公司", "投发集团", "Investment and Development Group Co., Ltd."),
                  ("产业发展集团有限公司", "产发集团", "Industrial Development Group Co., Ltd."),
                  ("城市建设投资集团有限公司", "城投集团", "Urban Construction Investment Group Co., Ltd."),
                  ("控股集团有限公司", "控股集团", "Holding Group Co., Ltd.")]  # fmt: skip

# exchange -> stock code prefixes (digits that follow make six, or four in Hong Kong)
EXCHANGES = (
    [(Enterprise.Exchange.SSE, ["600", "601", "603", "688"]), (Enterprise.Exchange.SZSE, ["000", "002", "300", "301"]),
     (Enterprise.Exchange.BSE, ["83", "87", "920"]), (Enterprise.Exchange.HKEX, [""])],
    [40, 35, 10, 15],
)  # fmt: skip

# qualification slug -> probability (listed follows the stock code, state-owned the operators)
QUALIFICATION_ODDS = [("high-tech", 0.40), ("specialised", 0.15), ("gazelle", 0.06), ("unicorn", 0.003)]

PARK_FIGURES = [("规划面积", "Planned area", "平方公里", (5, 300)), ("入驻企业", "Enterprises", "家", (20, 2000)),
                ("营业收入", "Operating revenue", "亿元", (10, 3000)), ("固定资产投资", "Fixed-asset investment", "亿元", (5, 500)),
                ("税收收入", "Tax revenue", "亿元", (1, 200)), ("高新技术企业", "High-tech enterprises", "家", (5, 600)),
                ("从业人员", "Employees", "万人", (0.2, 20)), ("实际使用外资", "Foreign capital actually used", "亿美元", (0.5, 30))]  # fmt: skip
ENTERPRISE_FIGURES = [("营业收入", "Revenue", "亿元", (0.1, 500)), ("研发投入", "R&D spending", "万元", (50, 50000)),
                      ("员工", "Employees", "人", (20, 20000)), ("有效专利", "Valid patents", "件", (3, 3000)),
                      ("纳税额", "Taxes paid", "万元", (10, 100000)), ("出口额", "Exports", "万美元", (10, 80000))]  # fmt: skip

OUTLETS = (["青岛日报", "观海新闻", "大众日报", "青岛新闻网", "半岛都市报", "青岛财经日报", "新华社", "经济日报", "齐鲁晚报", ""],
           [25, 15, 10, 10, 8, 7, 4, 3, 3, 15])  # fmt: skip
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马胡朱郭何罗高林于宋曲姜"
GIVEN_NAMES = ["海涛", "晓明", "丽", "静", "伟", "磊", "婷婷", "志强", "雪", "鹏", "悦", "晨", "小龙", "佳", "文博", "雯", "振华", "蕾", "琳", "宁"]

PARK_AWARDS = ["国家级科技企业孵化器", "山东省特色产业园区", "国家新型工业化产业示范基地", "山东省数字经济园区", "国家级绿色工业园区", "省级国际合作园区"]
ENTERPRISE_AWARDS = ["国家高新技术企业", "山东省瞪羚企业", "国家级绿色工厂", "山东省制造业单项冠军", "国家知识产权示范企业", "青岛市企业技术中心"]

TITLES_GENERAL = [
    "{district}{industry}产业集群加速成势",
    "聚焦{industry} {district}打造{scale}亿级产业集群",
    "青岛{industry}产业链再添新项目",
    "{period}{district}{industry}产业产值同比增长{pct}%",
    "青岛出台新政支持{industry}产业高质量发展",
    "{district}{n}个重点项目集中开工 总投资{money}亿元",
    "青岛{industry}企业“组团出海”拓市场",
    "{district}举办{industry}产业对接会 现场签约{n}个项目",
    "全市{industry}产业发展推进会召开",
    "{year}年青岛{industry}产业规模突破{money}亿元",
    "{district}：以{industry}为引擎培育新质生产力",
]
TITLES_PARK = [
    "{park}{n}个{industry}项目集中签约 总投资{money}亿元",
    "探访{park}：{industry}企业“扎堆”背后",
    "{park}获评{park_award}",
    "{park}{period}营业收入增长{pct}%",
    "{park}新增入驻企业{n}家",
    "{park}二期项目主体完工",
    "{park}举办{industry}创新创业大赛",
]
TITLES_ENTERPRISE = [
    "{ent}新一代{product}生产线投产",
    "{ent}入选国家级专精特新“小巨人”企业名单",
    "{ent}完成新一轮{money_small}亿元融资",
    "{ent}发布{product}新品",
    "{ent}研发总部落户{district}",
    "{ent}{product}项目签约落地{park_or_district}",
    "{ent}获评{ent_award}",
]

LEAD_GENERAL = [
    "记者从{district}获悉，今年以来，{district}聚焦{industry}产业，加快推进重点项目建设，产业集聚效应持续显现。",
    "{year}年以来，青岛市坚持把{industry}作为培育新质生产力的重要抓手，出台一系列支持政策，产业规模稳步扩大。",
    "日前，全市{industry}产业发展推进会召开，会议总结了前一阶段工作，部署了下一步重点任务。",
    "{period}，{district}{industry}产业实现产值{money}亿元，同比增长{pct}%，增速位居全市前列。",
]
LEAD_PARK = [
    "近日，{park}举行{industry}重点项目集中签约仪式，共签约项目{n}个，总投资{money}亿元。",
    "走进{park}，一座座现代化厂房拔地而起，{industry}企业加速集聚，处处涌动着发展热潮。",
    "{period}，{park}实现营业收入{money}亿元，同比增长{pct}%，主要经济指标保持稳中有进。",
]
LEAD_ENTERPRISE = [
    "近日，{ent}在{park_or_district}正式投产，标志着青岛{industry}产业链再添重要一环。",
    "{ent}日前宣布完成新一轮融资，融资金额{money_small}亿元，将主要用于{product}研发和产能扩充。",
    "记者从{ent}获悉，该公司自主研发的{product}近日通过验收，多项指标达到国内先进水平。",
]
SENTENCES_GENERAL = [
    "项目总投资{money}亿元，规划用地{mu}亩，主要建设{industry}研发中心、中试基地和智能化生产线。",
    "目前，项目主体结构已全部完工，预计{next_year}年{month}月正式投产，达产后可实现年产值{money}亿元。",
    "数据显示，{period}，{district}规模以上工业增加值同比增长{pct}%，高于全市平均水平{pp}个百分点。",
    "青岛市出台《关于支持{industry}产业高质量发展的若干政策措施》，从人才引进、研发投入、场景开放等方面给予支持。",
    "围绕{industry}产业链，{district}梳理出重点招商目标企业{n}家，实行“一企一策”精准招引。",
    "{district}设立总规模{money_small}亿元的产业引导基金，重点投向{industry}等战略性新兴产业。",
    "{district}持续深化“放管服”改革，推行项目审批“拿地即开工”，企业办事时间压缩{pct}%以上。",
    "截至目前，全市{industry}领域已集聚规模以上企业{n}家，形成了从研发设计到生产制造的完整链条。",
    "与此同时，{district}加快建设公共技术服务平台，为中小企业提供检验检测、中试验证等服务。",
    "在人才方面，{district}累计引进{industry}领域高层次人才{n}名，建成博士后创新实践基地{n_small}个。",
    "业内人士认为，青岛拥有港口、海洋和制造业基础等多重优势，发展{industry}产业前景广阔。",
    "{period}，全市{industry}产业完成投资{money}亿元，新开工项目{n}个，在建项目储备充足。",
]
SENTENCES_PARK = [
    "{park}已累计引进{industry}相关企业{n}家，其中高新技术企业{n_small}家、专精特新企业{n_small}家。",
    "{period}，{park}实现营业收入{money}亿元，同比增长{pct}%；完成固定资产投资{money_small}亿元。",
    "{park}坚持“以商招商、以链招商”，围绕龙头企业引进上下游配套项目{n_small}个。",
    "为服务入驻企业，{park}建设了人才公寓、共享实验室和展示中心，配套服务持续完善。",
    "{park}负责人介绍，园区将重点发展{industry}和{industry2}两大主导产业，力争三年内产值突破{money}亿元。",
    "到{next_year}年，{park}力争集聚{industry}企业{n}家以上，产业规模突破{money}亿元。",
]
SENTENCES_ENTERPRISE = [
    "作为{park_or_district}的骨干企业，{ent}近年来持续加大研发投入，研发投入占营业收入比重达到{pct_small}%。",
    "{ent}负责人表示，将依托青岛的港口和产业优势，进一步拓展{industry}应用场景。",
    "{ent}主要从事{product}的研发与生产，产品已出口到{n_small}个国家和地区。",
    "目前，{ent}已获得授权专利{n}项，参与制定国家和行业标准{n_small}项。",
    "{ent}新建的{product}生产线采用智能化设备，生产效率提升{pct}%，产品良品率达到{yield_rate}%。",
    "据了解，{ent}{period}实现营业收入{money_small}亿元，同比增长{pct}%。",
]
CLOSINGS = [
    "下一步，{district}将持续优化营商环境，强化要素保障，推动更多{industry}项目早落地、早投产、早见效。",
    "相关负责人表示，将继续做好服务保障，推动{industry}产业向高端化、智能化、绿色化方向发展。",
    "按照计划，{district}将以{industry}为突破口，加快构建现代化产业体系，为全市经济高质量发展贡献力量。",
]
HEADINGS = ["项目建设提速", "产业链条加快延伸", "创新平台持续集聚", "营商环境不断优化", "龙头企业带动明显", "人才支撑更加有力",
            "开放合作纵深推进", "下一步工作安排", "数据背后的新动能", "政策红利持续释放"]  # fmt: skip
PERIODS = ["一季度", "今年前两个月", "上半年", "前三季度", "今年以来", "1至{m}月"]
# fmt: on


# --------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------


def _cum(weights):
    return list(accumulate(weights))


def _zipf(n, exponent=1.0, offset=2):
    return _cum([1 / (rank + offset) ** exponent for rank in range(n)])


def _pick(rng, population, weights):
    return rng.choices(population, weights)[0]


def _pick_index(rng, cum_weights):
    return bisect_right(cum_weights, rng.random() * cum_weights[-1])


def _distinct_indices(rng, cum_weights, k, first=None):
    """``k`` distinct indices drawn with ``cum_weights`` (``first`` included first when given)."""
    k = min(k, len(cum_weights))
    chosen = [first] if first is not None else []
    while len(chosen) < k:
        index = _pick_index(rng, cum_weights)
        if index not in chosen:
            chosen.append(index)
    return chosen


def _decimal(value, places):
    return Decimal(f"{value:.{places}f}")


def _pinyin_title(text):
    return "".join(lazy_pinyin(text, style=Style.NORMAL)).capitalize()


class _Filler(dict):
    """Template values: names are fixed per text, numbers are drawn afresh on each use."""

    def __init__(self, rng, year, **names):
        super().__init__(year=year, **names)
        self.rng = rng
        self.base_year = year

    def __missing__(self, key):
        r = self.rng
        match key:
            case "n":
                return r.randint(5, 120)
            case "n_small":
                return r.randint(2, 30)
            case "money":
                return r.choice([r.randint(10, 500), round(r.uniform(1, 99), 1)])
            case "money_small":
                return round(r.uniform(0.5, 20), 1)
            case "pct":
                return round(r.uniform(3, 45), 1)
            case "pct_small":
                return round(r.uniform(3, 15), 1)
            case "pp":
                return round(r.uniform(0.5, 8), 1)
            case "yield_rate":
                return round(r.uniform(95, 99.9), 1)
            case "mu":
                return r.randint(20, 800)
            case "month":
                return r.randint(1, 12)
            case "next_year":
                return self.base_year + r.randint(1, 3)
            case "period":
                return r.choice(PERIODS).replace("{m}", str(r.randint(2, 11)))
            case "park_award":
                return r.choice(PARK_AWARDS)
            case "ent_award":
                return r.choice(ENTERPRISE_AWARDS)
            case "scale":
                return r.choice(["百", "两百", "三百", "五百", "千"])
            case "industry2":
                return r.choice(INDUSTRIES)[0]
        raise KeyError(key)


def _fill(rng, templates, values):
    return rng.choice(templates).format_map(values)


class _Deck:
    """Templates dealt without repeats (until the deck runs out), so a text never says the same thing twice."""

    def __init__(self, rng, templates):
        self.rng, self.templates, self.cards = rng, templates, []

    def deal(self, values):
        if not self.cards:
            self.cards = list(self.templates)
            self.rng.shuffle(self.cards)
        return self.cards.pop().format_map(values)


# --------------------------------------------------------------------------
# Where rows go: the database, or nowhere (dry run)
# --------------------------------------------------------------------------


class DatabaseSink:
    writes = True

    def __init__(self, batch_size):
        self.batch_size = batch_size
        self.created = Counter()

    def create(self, model, objects):
        if not objects:
            return objects
        model.objects.bulk_create(objects, batch_size=self.batch_size)
        if objects[0].pk is None and hasattr(objects[0], "slug"):
            # A backend that cannot return ids from a bulk insert: look them up.
            ids = dict(model.objects.filter(slug__in=[o.slug for o in objects]).values_list("slug", "pk"))
            for obj in objects:
                obj.pk = ids[obj.slug]
        self.created[model._meta.label] += len(objects)
        # With DEBUG on, Django keeps the last 9,000 statements, each holding a
        # batch's worth of bodies: hundreds of megabytes at this scale.
        reset_queries()
        return objects

    def update(self, model, objects, fields):
        model.objects.bulk_update(objects, fields, batch_size=self.batch_size)
        reset_queries()


class DrySink:
    """Counts what would be written and hands out made-up ids; touches no table."""

    writes = False

    def __init__(self, batch_size):
        self.batch_size = batch_size
        self.created = Counter()

    def create(self, model, objects):
        label = model._meta.label
        for obj in objects:
            self.created[label] += 1
            obj.pk = self.created[label]
        return objects

    def update(self, model, objects, fields):
        pass


class _Buffer:
    """Rows of one model, written whenever a batch is full."""

    def __init__(self, sink, model, size):
        self.sink, self.model, self.size, self.rows = sink, model, size, []

    def add(self, row):
        self.rows.append(row)
        if len(self.rows) >= self.size:
            self.flush()

    def flush(self):
        self.sink.create(self.model, self.rows)
        self.rows = []


# --------------------------------------------------------------------------
# The generator
# --------------------------------------------------------------------------


@dataclass
class _ParkInfo:
    name: str
    district: int  # index into DISTRICTS
    industries: list
    members: list = field(default_factory=list)  # enterprise indices


@dataclass
class _EnterpriseInfo:
    short_name: str
    district: int
    industry: int
    parks: list  # park indices


@dataclass
class Plan:
    articles: int
    parks: int
    enterprises: int
    seed: int
    batch_size: int = 1000


class Generator:
    def __init__(self, plan, sink, progress=None, now=None):
        self.plan = plan
        self.sink = sink
        self.progress = progress or (lambda *args: None)
        # Whole seconds, so that two runs a moment apart with the same seed agree.
        self.now = (now or timezone.now()).replace(microsecond=0)
        self.district_weights = _cum([d[2] for d in DISTRICTS])
        self.industry_weights = _zipf(len(INDUSTRIES), exponent=0.8, offset=3)
        self.tag_weights = _zipf(len(VOCABULARY), exponent=0.9, offset=2)
        # Parks later in the list are smaller: the largest after the flagship holds
        # a few hundred enterprises, the median a few dozen.
        self.park_weights = _zipf(max(plan.parks, 1), exponent=0.5, offset=3)
        self.other_park_weights = _zipf(max(plan.parks - 1, 1), exponent=0.5, offset=3)
        self.enterprise_weights = _zipf(max(plan.enterprises, 1), exponent=0.6, offset=10)
        self.parks, self.enterprises = [], []
        self.park_pks, self.enterprise_pks = [], []
        self.latest_article_for_park, self.latest_article_for_enterprise = {}, {}

    def rng(self, phase):
        # One stream per phase, derived from the seed: adding a random draw to one
        # phase does not reshuffle the others.
        return random.Random(f"{self.plan.seed}:{phase}")

    def run(self):
        self.tag_pks = self._tags()
        self.qualification_pks = dict(Qualification.objects.values_list("slug", "pk"))
        self._generate_parks()
        self._generate_enterprises()
        self._assign_operators()
        self._generate_articles()
        self._generate_figures()
        return self.sink.created

    # -- publication -------------------------------------------------------

    def _publication(self, rng, draft, scheduled, recent_bias=1.5):
        """(status, published_at): mostly published over the last ten years, some drafts, a few scheduled."""
        roll = rng.random()
        if roll < scheduled:
            return Status.PUBLISHED, self.now + timedelta(seconds=rng.randint(3600, 90 * 24 * 3600))
        when = self.now - timedelta(seconds=int(60 + TEN_YEARS * rng.random() ** recent_bias))
        return (Status.DRAFT if roll < scheduled + draft else Status.PUBLISHED), when

    def _tags_for(self, rng, primary_tag, first_object):
        k = rng.randint(2, 5)
        chosen = _distinct_indices(rng, self.tag_weights, k, first=primary_tag)
        if first_object and 0 not in chosen:
            # The first object of each kind carries the most common tag, so even a
            # tiny data set has one tag that gathers all three kinds.
            chosen[-1] = 0
        return chosen

    # -- tags --------------------------------------------------------------

    def _tags(self):
        """The shared vocabulary: existing tags of the same name are reused, never changed."""
        existing = {name.casefold(): pk for name, pk in Tag.objects.values_list("name", "pk")}
        pks = []
        for name in VOCABULARY:
            pk = existing.get(name.casefold())
            if pk is None:
                if self.sink.writes:
                    pk = Tag.objects.create(name=name).pk
                else:
                    pk = -len(pks) - 1
                self.sink.created["taggit.Tag"] += 1
            pks.append(pk)
        return pks

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
        district = _pick_index(rng, self.district_weights)
        if top:
            kind = Park.Kind.HIGH_TECH_ZONE if index == 0 else _pick(rng, *TOP_KINDS)
            level = Park.Level.NATIONAL if index == 0 or rng.random() < 0.5 else Park.Level.PROVINCIAL
        else:
            kind = _pick(rng, *OTHER_KINDS)
            level = _pick(rng, ["", Park.Level.PROVINCIAL, Park.Level.MUNICIPAL, Park.Level.DISTRICT], [10, 15, 35, 40])
        industries = _distinct_indices(rng, self.industry_weights, rng.randint(2, 4))
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
        values = _Filler(rng, published_at.year, park=name, district=d[1], industry=ind_names[0])
        summary = (
            f"{name}位于{d[1]}，{established}年设立，"
            + (f"规划面积{area:.1f}平方公里，" if area and area >= 1 else "")
            + f"重点发展{'、'.join(ind_names)}等产业。"
        )
        paragraphs = [summary] + [s.format_map(values) for s in rng.sample(SENTENCES_PARK, 2)]
        if rng.random() < 0.6:
            paragraphs.append(_fill(rng, CLOSINGS, values))
        park = Park(
            name=name,
            name_en=name_en,
            aliases=(place if name.startswith("青岛") else f"青岛{name}") if rng.random() < 0.3 else "",
            slug=SLUG_FORMATS[Park].format(index + 1),
            kind=kind,
            level=level,
            district=d[0],
            address=f"青岛市{d[1]}{rng.choice(d[4])}{rng.randint(1, 999)}号",
            latitude=_decimal(lat + rng.uniform(-0.04, 0.04), 6),
            longitude=_decimal(lon + rng.uniform(-0.04, 0.04), 6),
            land_area_km2=_decimal(area, 3) if area else None,
            floor_area_m2=_decimal(floor, 1) if floor else None,
            established_year=established,
            established_month=rng.randint(1, 12) if rng.random() < 0.6 else None,
            summary=summary,
            summary_en=f"{name_en}, {DISTRICTS_EN[d[0]]}: {', '.join(INDUSTRIES[i][1] for i in industries)}.",
            description="".join(f"<p>{p}</p>" for p in paragraphs),
            contact=f"0532-{rng.randint(80000000, 89999999)}" if rng.random() < 0.7 else "",
            status=status,
            published_at=published_at,
        )
        info = _ParkInfo(name=name, district=district, industries=industries)
        return park, info, parent

    def _generate_parks(self):
        count = self.plan.parks
        if not count:
            return
        rng = self.rng("parks")
        taken = set(Park.objects.values_list("name", flat=True))
        top_count = max(1, round(count / 15))
        top_indices = list(range(top_count))
        tagged = _Buffer(self.sink, TaggedPark, self.plan.batch_size * 5)
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
        district = _pick_index(rng, self.district_weights)
        industry = _pick_index(rng, self.industry_weights)
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
                form, form_en = ("股份有限公司", "Co., Ltd.") if listed else _pick(rng, *COMPANY_FORMS)
                region, region_en = ("山东", "Shandong") if rng.random() < 0.05 else ("青岛", "Qingdao")
                name = f"{region}{trade}{business}{form}"
                short = trade + business[:2]
                name_en = f"{region_en} {_pinyin_title(trade)} {business_en} {form_en}"
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
            exchange, prefixes = _pick(rng, *EXCHANGES)
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
                parks = [1 + _pick_index(rng, self.other_park_weights)]
            if others - (parks[0] != 0) >= 1 and rng.random() < 0.3:
                second = parks[0]
                while second in parks:
                    second = 1 + _pick_index(rng, self.other_park_weights)
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
        values = _Filler(rng, published_at.year, ent=short, district=d[1], industry=tag, product=product,
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
        info = _EnterpriseInfo(short_name=short, district=district, industry=industry, parks=parks)
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
        park_links = _Buffer(self.sink, Enterprise.parks.through, size)
        held = _Buffer(self.sink, Enterprise.qualifications.through, size)
        tagged = _Buffer(self.sink, TaggedEnterprise, size)
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

    # -- articles ----------------------------------------------------------

    def _article_spec(self, rng, index):
        status, published_at = self._publication(rng, draft=0.08, scheduled=0.03, recent_bias=1.3)
        public = status == Status.PUBLISHED and published_at <= self.now
        local = published_at + timedelta(hours=8)  # Beijing time, for the dates in the text
        parks = []
        if self.parks:
            k = _pick(rng, [0, 1, 2, 3], [30, 40, 20, 10])
            parks = _distinct_indices(rng, self.park_weights, k)
        enterprises = []
        if self.enterprises:
            k = min(len(self.enterprises), _pick(rng, [0, 1, 2, 3, 4, 5], [25, 30, 20, 12, 8, 5]))
            while len(enterprises) < k:
                members = self.parks[parks[0]].members if parks else None
                if members and rng.random() < 0.6:
                    candidate = rng.choice(members)
                else:
                    candidate = _pick_index(rng, self.enterprise_weights)
                if candidate not in enterprises:
                    enterprises.append(candidate)
        if enterprises and rng.random() < 0.6:
            industry = self.enterprises[enterprises[0]].industry
        elif parks:
            industry = rng.choice(self.parks[parks[0]].industries)
        else:
            industry = _pick_index(rng, self.industry_weights)
        if parks:
            district = self.parks[parks[0]].district
        elif enterprises:
            district = self.enterprises[enterprises[0]].district
        else:
            district = _pick_index(rng, self.district_weights)
        tag, _, _, products, _ = INDUSTRIES[industry]
        district_name = DISTRICTS[district][1]
        park_name = self.parks[parks[0]].name if parks else ""
        ent_name = self.enterprises[enterprises[0]].short_name if enterprises else ""
        values = _Filler(rng, local.year, district=district_name, industry=tag, product=rng.choice(products),
                         park=park_name, ent=ent_name, park_or_district=park_name or district_name)  # fmt: skip

        title_pools = [TITLES_GENERAL]
        lead_pools = [LEAD_GENERAL]
        sentences = list(SENTENCES_GENERAL)
        if parks:
            title_pools.append(TITLES_PARK)
            lead_pools.append(LEAD_PARK)
            sentences += SENTENCES_PARK
        if enterprises:
            title_pools += [TITLES_ENTERPRISE, TITLES_ENTERPRISE]
            lead_pools.append(LEAD_ENTERPRISE)
            sentences += SENTENCES_ENTERPRISE
        deck = _Deck(rng, sentences)
        title = _fill(rng, rng.choice(title_pools), values)
        lead = _fill(rng, rng.choice(lead_pools), values)

        # A lead, then up to three sections (some under a subheading), then a closing line:
        # from a few hundred to about two thousand characters.
        blocks = [f"<p>{lead}{deck.deal(values)}</p>"]
        headings = rng.sample(HEADINGS, 3)
        with_headings = rng.random() < 0.5
        for section in range(rng.randint(1, 3)):
            if with_headings:
                blocks.append(f"<h2>{headings[section]}</h2>")
            for _ in range(rng.randint(1, 3)):
                blocks.append(f"<p>{''.join(deck.deal(values) for _ in range(rng.randint(2, 4)))}</p>")
        blocks.append(f"<p>{_fill(rng, CLOSINGS, values)}</p>")

        outlet = _pick(rng, *OUTLETS)
        author = ""
        if outlet and rng.random() < 0.8:
            author = f"记者 {rng.choice(SURNAMES)}{rng.choice(GIVEN_NAMES)}"
            if rng.random() < 0.4:
                author += f" 通讯员 {rng.choice(SURNAMES)}{rng.choice(GIVEN_NAMES)}"
        article = Article(
            title=title,
            slug=SLUG_FORMATS[Article].format(index + 1),
            summary=lead,
            body="\n".join(blocks),
            source_outlet=outlet,
            source_date=(local - timedelta(days=rng.choice([0, 0, 0, 1]))).date() if outlet else None,
            author=author,
            featured=public and rng.random() < 0.03,
            status=status,
            published_at=published_at,
        )
        primary = VOCABULARY.index(tag)
        tags = self._tags_for(rng, primary, index == 0)
        return article, parks, enterprises, tags, public

    def _generate_articles(self):
        count = self.plan.articles
        if not count:
            return
        rng = self.rng("articles")
        size = self.plan.batch_size * 5
        tagged = _Buffer(self.sink, TaggedArticle, size)
        park_links = _Buffer(self.sink, Article.parks.through, size)
        enterprise_links = _Buffer(self.sink, Article.enterprises.through, size)
        started = time.monotonic()
        step = max(self.plan.batch_size, count // 20)
        for start in range(0, count, self.plan.batch_size):
            batch = [self._article_spec(rng, index) for index in range(start, min(count, start + self.plan.batch_size))]
            self.sink.create(Article, [spec[0] for spec in batch])
            for article, parks, enterprises, tags, public in batch:
                for tag in tags:
                    tagged.add(TaggedArticle(content_object_id=article.pk, tag_id=self.tag_pks[tag]))
                for park in parks:
                    park_links.add(Article.parks.through(article_id=article.pk, park_id=self.park_pks[park]))
                    if public:
                        self.latest_article_for_park[park] = article.pk
                for enterprise in enterprises:
                    enterprise_links.add(
                        Article.enterprises.through(
                            article_id=article.pk, enterprise_id=self.enterprise_pks[enterprise]
                        )
                    )
                    if public:
                        self.latest_article_for_enterprise[enterprise] = article.pk
            done = min(count, start + self.plan.batch_size)
            if done % step < self.plan.batch_size or done == count:
                self.progress("articles", done, count, time.monotonic() - started)
        for buffer in (tagged, park_links, enterprise_links):
            buffer.flush()

    # -- figures -----------------------------------------------------------

    def _figures(self, rng, model, owner_field, owner_pks, bank, how_many, sources):
        buffer = _Buffer(self.sink, model, self.plan.batch_size * 5)
        for index, owner_pk in enumerate(owner_pks):
            k = how_many(index)
            if not k:
                continue
            for position, (label, label_en, unit, (low, high)) in enumerate(rng.sample(bank, k)):
                value = rng.uniform(low, high)
                value = _decimal(value, 0 if unit in ("家", "人", "件") else 2)
                source = sources.get(index) if rng.random() < 0.7 else None
                buffer.add(
                    model(
                        **{f"{owner_field}_id": owner_pk},
                        label=label,
                        label_en=label_en,
                        value=value,
                        qualifier=rng.choice(
                            [ParkFigure.Qualifier.EXACT] * 6 + [ParkFigure.Qualifier.OVER, ParkFigure.Qualifier.ABOUT]
                        ),
                        unit=unit,
                        year=rng.randint(max(2015, self.now.year - 9), self.now.year - 1),
                        source_article_id=source,
                        position=position,
                    )
                )
        buffer.flush()

    def _generate_figures(self):
        rng = self.rng("figures")
        self._figures(rng, ParkFigure, "park", self.park_pks, PARK_FIGURES,
                      lambda i: rng.randint(2, 4), self.latest_article_for_park)  # fmt: skip
        self._figures(rng, EnterpriseFigure, "enterprise", self.enterprise_pks, ENTERPRISE_FIGURES,
                      lambda i: rng.randint(1, 3) if i == 0 or rng.random() < 0.5 else 0,
                      self.latest_article_for_enterprise)  # fmt: skip


# --------------------------------------------------------------------------
# Finding and removing generated content
# --------------------------------------------------------------------------


def generated(model):
    """The rows of ``model`` this module made: matched by slug pattern, nothing else."""
    return model._default_manager.filter(slug__regex=SLUG_PATTERNS[model])


def generated_counts():
    return {model: generated(model).count() for model in (Article, Enterprise, Park)}


def delete_generated(progress=None):
    """Delete generated articles, enterprises and parks with their tags, links and
    figures, then the vocabulary tags nothing uses any more. Returns a Counter."""
    progress = progress or (lambda *args: None)
    deleted = Counter()
    started = time.monotonic()
    for model, name in ((Article, "articles"), (Enterprise, "enterprises"), (Park, "parks")):
        count = generated(model).count()
        SlugRedirect.objects.filter(
            content_type=ContentType.objects.get_for_model(model), object_id__in=generated(model).values("pk")
        ).delete()
        _delete_with_dependents(generated(model), deleted)
        progress(name, count, count, time.monotonic() - started)
    used = [
        Exists(through.objects.filter(tag=OuterRef("pk")))
        for through in (TaggedArticle, TaggedPark, TaggedEnterprise, TaggedItem)
    ]
    unused = Tag.objects.filter(name__in=VOCABULARY).exclude(reduce(or_, used))
    _delete_with_dependents(Tag.objects.filter(pk__in=list(unused.values_list("pk", flat=True))), deleted)
    return deleted


def _delete_with_dependents(queryset, deleted):
    """Delete the rows of ``queryset`` and what depends on them, following each
    foreign key's ``on_delete`` as Django's deletion collector does, but with one
    statement per table: no row is loaded and no signal is sent.

    ``QuerySet.delete()`` loads every row it removes and, because the page cache
    listens to ``post_delete`` for every model, sends one signal per row: for a
    hundred thousand articles with their tags and links, about a million signals
    and as many cache calls. The command announces the change once instead.
    ``_raw_delete`` is the collector's own fast path for rows nothing depends on.
    """
    model = queryset.model
    keys = queryset.values("pk")
    for relation in model._meta.get_fields(include_hidden=True):
        # The same reverse relations the collector follows (hidden ones are the
        # many-to-many through tables).
        if not (relation.auto_created and not relation.concrete and (relation.one_to_many or relation.one_to_one)):
            continue
        fk = relation.field
        dependents = relation.related_model._base_manager.filter(**{f"{fk.name}__in": keys})
        if fk.remote_field.on_delete is models.CASCADE:
            _delete_with_dependents(dependents, deleted)
        elif fk.remote_field.on_delete is models.SET_NULL:
            dependents.update(**{fk.name: None})
        elif fk.remote_field.on_delete is not models.DO_NOTHING:
            raise RuntimeError(f"{relation.related_model._meta.label}.{fk.name}: this on_delete is not handled here")
    count = queryset._raw_delete(queryset.db)
    if count:
        deleted[model._meta.label] += count


def analyze():
    """Refresh the query planner's statistics after a bulk load.

    On PostgreSQL autovacuum would do it within minutes; a benchmark run
    straight after the load should not measure plans made for empty tables.
    SQLite keeps no statistics until ANALYZE runs, and without them it guesses
    that ``status = 'published'`` is selective: it then walks a 100,000-row
    index in order to find an article's four related articles (15 ms instead
    of 0.2 ms) or an article's two enterprises (8 ms instead of 0.1 ms).
    """
    if connection.vendor not in ("postgresql", "sqlite"):
        return False
    tables = [m._meta.db_table for m in (Article, TaggedArticle, Article.parks.through, Article.enterprises.through,
                                         Park, TaggedPark, ParkFigure, Enterprise, TaggedEnterprise, EnterpriseFigure,
                                         Enterprise.parks.through, Enterprise.qualifications.through, Tag)]  # fmt: skip
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")
    return True


__all__ = ["LIMITS", "VOCABULARY", "Plan", "Generator", "DatabaseSink", "DrySink", "generated", "generated_counts",
           "delete_generated", "analyze"]  # fmt: skip
