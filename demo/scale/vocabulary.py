"""Phrase banks the synthetic names, titles and bodies are composed from: nothing here is a real park or company."""

from parks.models import District, Enterprise, Park

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
