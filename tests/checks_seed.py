"""A reviewed English catalog of the seed, built from its real sentences, for the checks' tests.

The project's own catalog (translations/en/) is the reference once it is complete; this one lets the
checks be tested on real text independently of its progress, and carries the cases a catalog must
handle: a joined pair ("↑"), a fuzzy entry, an untranslated one, Chinese numerals, 亿 and 万.
"""

from __future__ import annotations

from pathlib import Path

SEED_DOC = "seeds/000_9e415571a82dd196.txt"

# (msgid, msgstr, source line); msgids are the seed's segments exactly as `aligner segment` cuts them.
PAIRS: list[tuple[str, str, int]] = [
    ("您当前的位置: 首页>>政务公开>>政府信息公开目录>>政协提案办理情况公开",
     "You are here: Home >> Government Affairs >> Government Information Disclosure >> Handling of CPPCC Proposals", 1),
    ("[ 索引号 ] 11500000MB15895317/2021-00319 [ 发文字号 ]", "[ Index No. ] 11500000MB15895317/2021-00319 [ Document No. ]", 2),
    ("[ 主题分类 ] 科技、教育 [ 体裁分类 ] 公文", "[ Subject ] Science and technology, education [ Genre ] Official document", 3),
    ("[ 发布机构 ] 市科技局", "[ Issued by ] Municipal Science and Technology Bureau", 4),
    ("[ 成文日期 ] 2021-12-06 [ 发布日期 ] 2021-12-06", "[ Date of writing ] 2021-12-06 [ Date of issue ] 2021-12-06", 5),
    ("[ 索引号 ] 11500000MB15895317/2021-00319", "[ Index No. ] 11500000MB15895317/2021-00319", 6),
    ("[ 发文字号 ]", "[ Document No. ]", 7),
    ("[ 主题分类 ] 科技、教育", "[ Subject ] Science and technology, education", 8),
    ("[ 体裁分类 ] 公文", "[ Genre ] Official document", 9),
    ("[ 成文日期 ] 2021-12-06", "[ Date of writing ] 2021-12-06", 11),
    ("[ 发布日期 ] 2021-12-06", "[ Date of issue ] 2021-12-06", 12),
    ("重庆市科学技术局关于市政协五届四次会议第0426号提案的复函",
     "Reply of the Chongqing Municipal Science and Technology Bureau to Proposal No. 0426 of the Fourth Session"
     " of the Fifth Chongqing Municipal Committee of the CPPCC", 14),
    ("日期:2021-12-06", "Date: 2021-12-06", 16),
    ("易小光委员:", "Dear Member Yi Xiaoguang:", 18),
    ("您提出的《促进成渝地区双城经济圈科技创新要素市场一体化的建议》(第0426号提案)收悉。",
     "We have received your Suggestions on Promoting the Integration of the Market for Sci-Tech Innovation Factors"
     " in the Chengdu-Chongqing Economic Circle (Proposal No. 0426).", 20),
    ("经与市委组织部、市财政局、市教委、市人力社保局、市经济信息委、市市场监管局、重庆高新区管委会共同研究办理,现将办理情况答复如下:",
     "Having studied and handled it together with the Organization Department of the CPC Chongqing Municipal Committee,"
     " the Municipal Finance Bureau, the Municipal Education Commission, the Municipal Human Resources and Social"
     " Security Bureau, the Municipal Economic and Information Technology Commission, the Municipal Administration for"
     " Market Regulation and the Administrative Committee of the Chongqing High-tech Zone, we reply as follows:", 20),
    ("中央财经委员会第六次会议召开以来,我市坚持以习近平新时代中国特色社会主义思想为指导,深入贯彻落实习近平总书记关于推动成渝地区双城经济圈建设的重要指示精神,积极破除阻碍创新要素自由流动的体制机制障碍,深化创新要素市场化配置改革,促进创新要素自主有序流动和深度融合,加快促进成渝地区科技创新要素市场一体化,全力推动成渝地区双城经济圈增强协同创新发展能力,打造具有全国影响力的科技创新中心。",
     "Since the sixth meeting of the Central Financial and Economic Affairs Commission, our city has been guided by"
     " Xi Jinping Thought on Socialism with Chinese Characteristics for a New Era, thoroughly implemented the important"
     " instructions of General Secretary Xi Jinping on building the Chengdu-Chongqing Economic Circle, actively removed"
     " institutional obstacles to the free flow of innovation factors, deepened the market-based allocation of"
     " innovation factors, promoted their independent and orderly flow and deep integration, accelerated the"
     " integration of the market for sci-tech innovation factors in the Chengdu-Chongqing region, and made every effort"
     " to strengthen the coordinated innovation capacity of the Chengdu-Chongqing Economic Circle and to build a"
     " sci-tech innovation center with national influence.", 22),
    ("一、成渝地区科技创新要素市场一体化建设推进情况",
     "I. Progress in integrating the market for sci-tech innovation factors in the Chengdu-Chongqing region", 26),
    ("(一)建立川渝科技创新合作机制,共同向上争取国家支持。",
     "(1) Setting up a Sichuan-Chongqing sci-tech cooperation mechanism and jointly seeking national support.", 28),
    ("联合成立川渝协同创新专项工作组,召开3次专项工作组会议,签订《进一步深化川渝科技创新合作增强协同创新发展能力共建具有全国影响力的科技创新中心框架协议》等“1+3”科技创新合作协议,共同实施《川渝两地科技部门共同争取国家支持的重大事项清单》《川渝两地科技部门协同创新发展工作清单》“两张清单”,统筹推进川渝协同创新。",
     "We jointly set up a Sichuan-Chongqing task force on coordinated innovation, which has met 3 times, signed the"
     " “1+3” sci-tech cooperation agreements, including the Framework Agreement on Further Deepening Sichuan-Chongqing"
     " Sci-Tech Cooperation, Strengthening Coordinated Innovation and Jointly Building a Sci-Tech Innovation Center with"
     " National Influence, jointly implemented “two lists”, the List of Major Matters for Which the Science and"
     " Technology Departments of Sichuan and Chongqing Jointly Seek National Support and the Work List for Coordinated"
     " Innovation of the Science and Technology Departments of Sichuan and Chongqing, and coordinated"
     " Sichuan-Chongqing innovation.", 28),
    ("积极向上争取国家支持,成渝综合性科学中心、西部(成都)科学城、西部(重庆)科学城、两江协同创新区、中国(绵阳)科技城、国家实验室等事项纳入国家已出台的规划纲要布局。",
     "We actively sought national support: the Chengdu-Chongqing comprehensive science center, the Western (Chengdu)"
     " Science City, the Western (Chongqing) Science City, the Liangjiang Collaborative Innovation Zone, the China"
     " (Mianyang) Science and Technology City and national laboratories have been included in national plans.", 28),
    ("重庆市、成都市国家新一代人工智能创新发展试验区获得科技部批复,职务科技成果所有权改革、科研资金跨省市使用等重大创新政策获得国家部委支持。",
     "The national pilot zones for innovative development of new-generation artificial intelligence in Chongqing and"
     " Chengdu were approved by the Ministry of Science and Technology, and major innovation policies such as the reform"
     " of ownership of job-related sci-tech achievements and the cross-provincial use of research funds won the support"
     " of national ministries.", 28),
    ("(二)加强川渝创新主体合作,积极打造协同创新共同体。",
     "(2) Strengthening cooperation among innovators in Sichuan and Chongqing and building a community of coordinated"
     " innovation.", 30),
    ("“一城多园”共建西部科学城。", "Building the Western Science City together as “one city, multiple parks”.", 30),
    ("共同争取中央编办支持,两地分别成立西部科学城建设领导小组,挂牌西部(成都)科学城、西部(重庆)科学城。",
     "With the support of the Central Institutional Organization Commission, both places set up leading groups for the"
     " Western Science City and inaugurated the Western (Chengdu) Science City and the Western (Chongqing) Science"
     " City.", 30),
    ("推动《成渝地区双城经济圈建设规划纲要》明确以“一城多园”模式合作共建西部科学城,建设成渝地区综合性国家科学中心。",
     "We saw to it that the Outline of the Plan for Building the Chengdu-Chongqing Economic Circle provides for building"
     " the Western Science City together on the “one city, multiple parks” model and for a comprehensive national"
     " science center in the Chengdu-Chongqing region.", 30),
    ("西部(重庆)科学城以建设中科院重庆科学中心为牵引,加快建设超瞬态实验装置等大科学装置,论证遴选高校院所项目44个;两江协同创新区突出“科创+产业”内涵,引进哈尔滨工业大学等新建研发机构37家。",
     "Led by the Chongqing Science Center of the Chinese Academy of Sciences, the Western (Chongqing) Science City is"
     " speeding up large scientific facilities such as the ultra-transient experimental facility and has assessed and"
     " selected 44 projects of universities and institutes; the Liangjiang Collaborative Innovation Zone, focused on"
     " “innovation + industry”, has brought in 37 new R&D institutions, including the Harbin Institute of"
     " Technology.", 30),
    ("协同推进创新体系建设。", "Building the innovation system together.", 30),
    ("川渝12家国家级高新区、26家省(市)级高新区共同发起成立高新区联盟,促进高新技术产业协同发展。",
     "The 12 national and 26 provincial (municipal) high-tech zones of Sichuan and Chongqing founded a high-tech zone"
     " alliance to develop high-tech industries together.", 30),
    ("组建成渝地区双城经济圈高校联盟,推动重庆大学、西南大学等高校联合四川大学、电子科技大学、西南交通大学等共同成立“三峡库区生物资源与生态环境保护协同创新中心”“血管科学协同创新中心”“微纳米光电材料与器件协同创新中心”。",
     "A university alliance of the Chengdu-Chongqing Economic Circle was formed; Chongqing University, Southwest"
     " University and others joined Sichuan University, the University of Electronic Science and Technology of China,"
     " Southwest Jiaotong University and others to found the “Collaborative Innovation Center for Biological Resources"
     " and Eco-environmental Protection in the Three Gorges Reservoir Area”, the “Collaborative Innovation Center for"
     " Vascular Science” and the “Collaborative Innovation Center for Micro/Nano Optoelectronic Materials and"
     " Devices”.", 30),
    ("评审通过5个川渝联合共建重点实验室,深化川渝创新合作。",
     "5 key laboratories built jointly by Sichuan and Chongqing passed review, deepening innovation cooperation.", 30),
    ("协同推进创新资源共享。", "Sharing innovation resources.", 30),
    ("签订科技专家库、大型科研仪器设备开放共享合作协议,川渝科技资源共享服务平台建成上线,整合两地总价值约112亿元的大型仪器设备14090台/套,交换共享第一批8000余名专家信息。",
     "Cooperation agreements on sharing expert databases and large research instruments were signed, and the"
     " Sichuan-Chongqing sci-tech resource sharing platform went online, pooling 14,090 units of large instruments"
     " worth about 11.2 billion yuan and sharing the information of more than 8,000 experts in a first batch.", 30),
    ("协同推进科技成果平台“易智网”建成“线上+线下”成果转化服务平台,成立成渝地区双城经济圈技术转移联盟,推动两地科技成果双向转移转化和一体化技术市场建设。",
     "The sci-tech achievements platform “Yizhi Net” became an “online + offline” service platform for commercializing"
     " research results; a technology transfer alliance of the Chengdu-Chongqing Economic Circle was founded to promote"
     " two-way transfer of research results and an integrated technology market.", 30),
    ("协同推进毗邻地区合作。",
     "Cooperation between neighbouring areas: the Liangjiang New Area and the Tianfu New Area are building an inland"
     " gateway to the world, Beibei District and Mianyang cooperate on universities and research institutes, the"
     " Wanzhou-Dazhou-Kaizhou demonstration zone strengthens coordinated innovation, and Tongnan, Dazu and Anyue are"
     " building the global lemon “golden triangle” together.", 30),
    ("两江新区携手天府新区打造内陆开放门户,北碚区与绵阳市协同推进高校及科研院所交流合作,万达开川渝统筹发展示范区一体化增强协同创新能力,潼南、大足、安岳协同建设全球柠檬“金三角”。",
     "↑", 30),
    ("(四)加强科技创新人才引育,构建一体化创新人才市场。",
     "(4) Attracting and training sci-tech talent and building an integrated talent market.", 32),
    ("促进川渝人才协同发展签署《成渝地区双城经济圈人才协同发展战略合作框架协议》《成渝人才公共服务协议》,协同举办2020重庆英才大会、“蓉漂人才日”等引才交流活动,开展“百万英才兴重庆”四川行活动,推动“天府英才卡”“重庆英才服务卡”8项服务内容对等互认。",
     "To develop talent together, Sichuan and Chongqing signed the Strategic Cooperation Framework Agreement on"
     " Coordinated Talent Development in the Chengdu-Chongqing Economic Circle and the Chengdu-Chongqing Agreement on"
     " Public Services for Talent, jointly held talent events such as the 2020 Chongqing Talent Conference and"
     " “Rongpiao Talent Day”, took the “Million Talents for Chongqing” campaign to Sichuan, and had 8 services of the"
     " “Tianfu Talent Card” and the “Chongqing Talent Service Card” mutually recognized.", 32),
    ("完善创新人才政策体系。", "Improving talent policy.", 32),
    ("制定《科教兴市和人才强市行动计划》《集聚优秀科学家及其团队的若干措施》《支持青年人才创新创业的若干措施》等文件,构建人才“塔尖”“塔基”政策体系。",
     "We issued the Action Plan for Developing the City through Science, Education and Talent, Measures to Attract"
     " Outstanding Scientists and Their Teams, Measures to Support Innovation and Entrepreneurship by Young Talent and"
     " other documents, building a talent policy system for both the “top” and the “base” of the pyramid.", 32),
    ("深入实施重庆英才计划、博士后倍增计划,建立博士生科研项目“直通车”制度,支持更多青年优秀人才脱颖而出、成为科研主力军。",
     "We carried out the Chongqing Talent Program and the Postdoctoral Doubling Program and set up a “through train”"
     " system of research projects for doctoral students, helping more outstanding young people stand out and become"
     " the backbone of research.", 32),
    ("加强人才培养与交流合作。", "Training talent and exchanges.", 32),
    ("签署《推动成渝地区双城经济圈建设教育协同发展框架协议》《成渝地区教育协同发展行动计划》,建立“省级”和“区市县级”对应教育部门交流沟通与合作机制,推进成渝地区双城经济圈教师教育一体化发展。",
     "We signed the Framework Agreement on Coordinated Development of Education for the Chengdu-Chongqing Economic"
     " Circle and the Action Plan for Coordinated Development of Education in the Chengdu-Chongqing Region, set up"
     " mechanisms of exchange and cooperation between education departments at the “provincial” and the “district,"
     " city and county” levels, and integrated teacher education in the Chengdu-Chongqing Economic Circle.", 32),
    ("川渝人社部门签订战略合作协议1个、专项合作协议95个,构建“1+N”人社合作新模式。",
     "The human resources and social security departments of Sichuan and Chongqing signed 1 strategic cooperation"
     " agreement and 95 special cooperation agreements, a new “1+N” model of cooperation.", 32),
    ("推进创新创业生态优化。", "Improving the ecosystem for innovation and entrepreneurship.", 32),
    ("川渝23个市区县、28所高校和11个高新区(园区)及7家企业联合成立成渝地区双城经济圈创新创业联盟、青年创业孵化载体联盟,组织成渝双城创业孵化行业交流会、双城经济圈新青年创业者沙龙等活动,加强两地创新创业合作交流。",
     "23 cities, districts and counties, 28 universities, 11 high-tech zones (parks) and 7 enterprises of Sichuan and"
     " Chongqing founded an innovation and entrepreneurship alliance of the Chengdu-Chongqing Economic Circle and an"
     " alliance of incubators for young entrepreneurs, and held events such as a Chengdu-Chongqing incubation industry"
     " exchange and a salon of young entrepreneurs, strengthening cooperation on innovation and entrepreneurship.", 32),
    ("探索两地企业证照“一网通办”试点,提升交互投资便捷性。",
     "We piloted “one-stop online” licensing for enterprises of both places, making cross investment easier.", 32),
    ("(五)加强科技创新资金投入,构建一体化创新资金市场。",
     "(5) Investing more in sci-tech innovation and building an integrated market for innovation funds.", 34),
    ("不断加强财政资金支持。", "More fiscal support.", 34),
    ("“十三五”期间,全市一般公共预算累计安排科学技术支出340.6亿元,年均增长12.5%,远高于一般公共预算支出的增幅(5.23%),未来市级财政每年新增投入10亿元、五年累计50亿元,充分发挥财政在支持科技创新中的制度性保障作用。",
     "During the 13th Five-Year Plan period, the city's general public budget allocated a total of 34.06 billion yuan"
     " to science and technology, growing by 12.5% a year, far above the growth of general public budget expenditure"
     " (5.23%); municipal finance will add 1 billion yuan a year, 5 billion yuan over five years, so that public"
     " finance fully plays its institutional role in supporting sci-tech innovation.", 34),
    ("持续强化股权投资。", "More equity investment.", 34),
    ("联合成立总规模50亿元的成渝双城经济圈科创母基金,首期10亿元重点投资生物医药、人工智能、集成电路、智能制造等领域科创企业。",
     "A sci-tech mother fund of the Chengdu-Chongqing Economic Circle with a total size of 5 billion yuan was set up;"
     " its first tranche of 1 billion yuan invests mainly in sci-tech firms in biomedicine, artificial intelligence,"
     " integrated circuits, intelligent manufacturing and other fields.", 34),
    ("在高新区设立20亿元重庆科技成果转化股权投资基金,为西部科学城科技成果转化项目提供融资支持。",
     "A Chongqing equity fund of 2 billion yuan for commercializing research results was set up in the high-tech zone"
     " to finance such projects in the Western Science City.", 34),
    ("着力深化债权融资。", "Deepening debt financing.", 34),
    ("重庆在全国率先开展知识价值信用贷款改革试点,实现区县全覆盖,累计为7286家科技型企业发放知识价值信用贷款211.62亿元,成为国务院第6次大督查推广的典型经验做法。",
     "Chongqing was the first in China to pilot knowledge-value credit loans, now available in every district and"
     " county; a total of 21.162 billion yuan of such loans has gone to 7,286 technology firms, a practice the State"
     " Council promoted in its 6th major inspection.", 34),
    ("共同推进直接融资。", "Direct financing.", 34),
    ("推进“科创板+注册制”改革,设立上交所资本市场服务科创工作站,建设西部科技金融路演中心,完善多层次资本市场募资体系。",
     "We advanced the “STAR Market + registration system” reform, set up a Shanghai Stock Exchange capital market"
     " service station for sci-tech innovation, built a western sci-tech finance roadshow center and improved the"
     " multi-tier capital market.", 34),
    ("(六)加强科技创新交流合作,构建一体化技术要素市场。",
     "(6) Strengthening sci-tech exchanges and building an integrated market for technology factors.", 36),
    ("协同推进关键核心技术攻关。", "Tackling key core technologies together.", 36),
    ("2020年,川渝联合出资2000万元实施15个重点研发项目。",
     "In 2020, Sichuan and Chongqing jointly invested 20 million yuan in 15 key R&D projects.", 36),
    ("今年,双方各出资2000万元,聚焦人工智能、大健康、生态环保和现代农业等领域开展联合攻关,进一步探索建立联合科研攻关机制。",
     "This year, each side is investing 20 million yuan in joint research on artificial intelligence, health,"
     " ecological protection, modern agriculture and other fields, exploring a mechanism for joint research.", 36),
    ("协同推进跨区域技术交易与成果转化机制。", "Cross-regional technology trading and commercialization of research results.", 36),
    ("签订《协同推进科技成果转化专项合作协议》,联合举办两届以“高价值专利培育、高质量成果转化”为主题的双高赛,推动科技成果权属改革试点、科技成果转化对接、培育技术转移机构和技术经理人,推进一体化技术市场建设。",
     "We signed the Special Cooperation Agreement on Commercializing Research Results, jointly held two editions of"
     " the “Double High” contest on “cultivating high-value patents and commercializing high-quality results”,"
     " piloted reform of ownership of research results, matched results with users, fostered technology transfer"
     " agencies and technology managers, and built an integrated technology market.", 36),
    ("成立成渝地区双城经济圈技术转移联盟,开发国际技术转移中心服务平台,推动两地科技成果双向转移转化。",
     "A technology transfer alliance of the Chengdu-Chongqing Economic Circle was founded and a service platform of the"
     " international technology transfer center was developed, promoting two-way transfer of research results.", 36),
    ("协同推进知识产权合作。", "Cooperation on intellectual property.", 36),
    ("签订《川渝知识产权合作协议》《成渝地区知识产权公共服务共建共享方案》,成功争取国家知识产权局支持建社中国(重庆)知识产权运营中心和中国(四川)知识产权运营中心,制定第一批川渝知识产权合作重点保护名录,着力构建协调、顺畅、高效的知识产权大保护格局。",
     "We signed the Sichuan-Chongqing Intellectual Property Cooperation Agreement and the Plan for Jointly Building and"
     " Sharing Intellectual Property Public Services in the Chengdu-Chongqing Region, won the support of the China"
     " National Intellectual Property Administration for the China (Chongqing) and China (Sichuan) intellectual"
     " property operation centers, drew up the first list of intellectual property under key protection, and are"
     " building coordinated, smooth and efficient protection of intellectual property.", 36),
    ("协同推进国际科技创新合作。", "International sci-tech cooperation.", 36),
    ("初步形成《成渝共建“一带一路”科技创新合作示范区实施方案》《成渝地区国际技术转移中心建设方案》,落地建设“一带一路”联合实验室,共同筹办“一带一路”科技交流大会。",
     "We drafted the Implementation Plan for a Chengdu-Chongqing “Belt and Road” Sci-Tech Cooperation Demonstration"
     " Zone and the Plan for an International Technology Transfer Center in the Chengdu-Chongqing Region, set up"
     " “Belt and Road” joint laboratories and are preparing a “Belt and Road” sci-tech exchange conference.", 36),
    ("二、加强成渝地区科技创新要素市场一体化建设的考虑",
     "II. Plans for integrating the market for sci-tech innovation factors in the Chengdu-Chongqing region", 38),
    ("建设成渝地区科技创新要素市场是《成渝地区双城经济圈建设规划纲要》明确的重要任务之一。",
     "Building a market for sci-tech innovation factors in the Chengdu-Chongqing region is one of the major tasks set"
     " by the Outline of the Plan for Building the Chengdu-Chongqing Economic Circle.", 40),
    ("当前,我们正结合“十四五”规划对成渝地区科技创新要素市场建设进行全面谋划。",
     "We are now planning this market as a whole in line with the 14th Five-Year Plan.", 40),
    ("您提出的“关于促进成渝地区双城经济圈科技创新要素市场一体化”的四点建议,对我们有很强的借鉴意义。",
     "Your four suggestions “on promoting the integration of the market for sci-tech innovation factors in the"
     " Chengdu-Chongqing Economic Circle” are of great value to us.", 40),
    ("下一步,我们将充分吸收采纳您的建议,从以下六个方面加强成渝地区科技创新要素市场一体化建设。",
     "Next, we will fully take up your suggestions and strengthen the integration of the market for sci-tech"
     " innovation factors in the Chengdu-Chongqing region on the following six fronts.", 40),
    ("一是共同推进编制重大规划,着力完善成渝地区科技创新要素市场一体化顶层设计。",
     "First, drawing up major plans together and improving the top-level design of the integrated market.", 42),
    ("协同配合国家发展改革委、科技部编制一系列重要文件,加快建设具有全国影响力的科技创新中心,以“一城多园”模式,加快西部(成都)科学城、西部(重庆)科学城、绵阳科技城和两江协同创新区为核心的西部科学城规划与建设,共同编制《成渝地区双城经济圈人才协同发展规划》。",
     "We will work with the National Development and Reform Commission and the Ministry of Science and Technology on a"
     " series of key documents, speed up the sci-tech innovation center with national influence, speed up, on the"
     " “one city, multiple parks” model, the Western Science City centered on the Western (Chengdu) Science City, the"
     " Western (Chongqing) Science City, the Mianyang Science and Technology City and the Liangjiang Collaborative"
     " Innovation Zone, and jointly draw up the Plan for Coordinated Talent Development in the Chengdu-Chongqing"
     " Economic Circle.", 42),
    ("加强两地规划交流,增强川渝科技创新十四五规划政策协同。",
     "We will align the 14th Five-Year sci-tech plans and policies of Sichuan and Chongqing.", 42),
    ("二是共同构建区域创新共同体,着力增强成渝地区科技创新一体化要素市场辐射度。",
     "Second, building a regional innovation community together and extending the reach of the integrated market.", 44),
    ("共同争取综合性国家科学中心、国家实验室、大科学装置等重大科技创新平台落地建设,以“一城多园”模式高标准合作共建西部科学城。",
     "We will jointly seek a comprehensive national science center, national laboratories, large scientific facilities"
     " and other major platforms, and build the Western Science City to high standards on the “one city, multiple"
     " parks” model.", 44),
    ("发挥高新区联盟、技术转移联盟等功能,健全川渝科技创新资源互联互通共享平台,探索科普资源开放共享机制。",
     "We will make use of the high-tech zone alliance and the technology transfer alliance, improve the platform for"
     " sharing sci-tech resources, and explore open sharing of popular science resources.", 44),
    ("共同建设“一带一路”科技创新合作区和国际技术转移中心,共同筹办“一带一路”科技交流大会。",
     "We will jointly build a “Belt and Road” sci-tech cooperation zone and an international technology transfer center"
     " and prepare a “Belt and Road” sci-tech exchange conference.", 44),
    ("三是共同开展关键核心技术攻关,着力增强成渝地区科技创新一体化要素市场贡献度。",
     "Third, tackling key core technologies together and raising the contribution of the integrated market.", 46),
    ("共同申报国家科技重大专项、国家自然科学基金区域创新发展联合基金。",
     "We will jointly apply for national major sci-tech projects and the regional innovation joint fund of the National"
     " Natural Science Foundation.", 46),
    ("探索开展“揭榜挂帅”“赛马争先”“非共识项目”“直通车项目”等项目新型组织方式,启动实施“川渝联合实施重点研发项目”,聚焦人工智能、大健康、生态环保和现代农业等领域开展联合攻关,着力解决川渝两地共性技术问题。",
     "We will try new ways of organizing projects such as “open competition”, “horse race”, “non-consensus projects”"
     " and “through-train projects”, launch “joint Sichuan-Chongqing key R&D projects” in artificial intelligence,"
     " health, ecological protection, modern agriculture and other fields, and solve technical problems common to"
     " both.", 46),
    ("共同推进国家新一代人工智能创新发展试验区建设。",
     "We will build the national pilot zones for new-generation artificial intelligence together.", 46),
    ("四是共同培育优势创新力量,着力增强成渝地区科技创新一体化要素市场集聚度。",
     "Fourth, fostering strong innovators together and concentrating the integrated market.", 48),
    ("共同创建国家实验室和国家重点实验室,构建布局合理、特色优势鲜明、梯次衔接互补的实验室体系。",
     "We will jointly create national laboratories and state key laboratories, a well laid-out, distinctive and"
     " complementary system of laboratories.", 48),
    ("协同引育发展新型研发机构,建设技术创新中心、制造业创新中心、产业创新中心、临床医学研究中心等高端应用研发平台。",
     "We will attract and grow new R&D institutions and build technology innovation centers, manufacturing innovation"
     " centers, industrial innovation centers, clinical medical research centers and other high-end platforms.", 48),
    ("加大“双一流”高校建设力度,推动高校联盟、产教融合发展联盟等建设。",
     "We will do more for “Double First-Class” universities and promote the university alliance and the alliance for"
     " industry-education integration.", 48),
    ("强化企业创新主体地位,推动产业链上中下游、大中小企业融通创新。",
     "We will strengthen enterprises as innovators and promote innovation across the industrial chain and among large,"
     " medium and small enterprises.", 48),
    ("五是共同强化科技创新资金支持,着力增强成渝地区科技创新一体化要素市场活跃度。",
     "Fifth, funding sci-tech innovation together and making the integrated market more active.", 50),
    ("共同加大财政科技投入,确保支出只增不减,推动科研资金跨省市使用,探索建立两省市改革举措和支持政策异地同享机制。",
     "We will raise fiscal spending on science and technology, ensure it only grows, promote the cross-provincial use"
     " of research funds, and let reforms and support policies of the two apply in both.", 50),
    ("引进知名创业风险投资机构落户,推广“科研贷”“科技成长贷”“科技担保贷”等科技创新信贷产品,推进知识价值信用贷款扩面放量,推动科技保险改革试点。",
     "We will attract well-known venture capital firms, promote credit products such as “research loans”, “tech growth"
     " loans” and “tech guarantee loans”, extend knowledge-value credit loans, and pilot sci-tech insurance reform.", 50),
    ("共建跨区域科技金融服务机构,提升科技金融服务水平。",
     "We will build cross-regional sci-tech finance institutions and improve sci-tech financial services.", 50),
    ("六是共同营造近悦远来人才生态,着力增强成渝地区科技创新一体化要素市场开放度。",
     "Sixth, creating an environment that attracts talent from near and far and opening up the integrated market.", 52),
    ("共同实施人才“塔尖”“塔基”政策,引进和培养高水平科技创新人才队伍。",
     "We will carry out talent policies for the “top” and the “base” of the pyramid and attract and train high-level"
     " sci-tech talent.", 52),
    ("推动川渝“英才卡”服务互认共享,鼓励科技人才在两地自主流动、择业创业。",
     "We will have the services of the “Talent Card” recognized in both places and encourage talent to move, work and"
     " start businesses freely across them.", 52),
    ("共同开展职务科技成果所有权或长期使用权改革试点,完善科研人员职务发明成果权益分享机制,着力构建充分体现知识、技术等创新要素价值收益分配机制。",
     "We will pilot reform of ownership or long-term use rights of job-related research results, improve the sharing of"
     " rights in job-related inventions, and build income distribution that fully reflects the value of knowledge,"
     " technology and other innovation factors.", 52),
    ("持续提升知识产权治理和服务效能,共同讲好川渝创新故事。",
     "We will keep improving intellectual property governance and services and tell the Sichuan-Chongqing innovation"
     " story well.", 52),
    ("此复函已经局主要领导审签。", "This reply has been reviewed and signed by the principal leaders of the Bureau.", 54),
    ("对以上答复您有什么意见,请反馈在回执上,以便我们进一步改进工作。",
     "Please send any comments on this reply on the receipt so that we can improve our work.", 54),
    ("重庆市科学技术局", "Chongqing Municipal Science and Technology Bureau", 56),
    ("2021年11月16日", "16 November 2021", 58),
    ("扫一扫在手机打开当前页", "", 60),
]  # fmt: skip

HEADER = """# A reviewed English translation of the seed, for the checks' tests.
msgid ""
msgstr ""
"Project-Id-Version: 000_9e415571a82dd196\\n"
"Language: en\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"
"""


def quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t") + '"'


def po_text(pairs: list[tuple[str, str, int]], fuzzy: frozenset[str] = frozenset()) -> str:
    """A PO file of ``pairs``; msgids in ``fuzzy`` get the fuzzy flag."""
    blocks = [HEADER]
    for msgid, msgstr, line in pairs:
        flags = "#, fuzzy\n" if msgid in fuzzy else ""
        blocks.append(f"#: {SEED_DOC}:{line}\n{flags}msgid {quote(msgid)}\nmsgstr {quote(msgstr)}\n")
    return "\n".join(blocks)


def write(path: Path, pairs: list[tuple[str, str, int]] | None = None, fuzzy: frozenset[str] = frozenset()) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(po_text(PAIRS if pairs is None else pairs, fuzzy), encoding="utf-8")
    return path
