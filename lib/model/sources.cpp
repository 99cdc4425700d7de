// The source list every sourced default cites (include/last100/model/provenance.hpp). The
// "Sources" section of docs/parameters.md is generated from it; a tag cited in a doc or by a
// sourced default must be here (tests/unit/scenario/provenance_test.cpp).

#include <algorithm>

#include "last100/model/provenance.hpp"

namespace last100::model {

const std::vector<Source>& sources() {
  static const std::vector<Source> list{
      {"S0",
       "Xinhua Finance, 2022-05-09, the report this project models (`/work/shared/domain/`, docs/modes.md)."},
      {"S1",
       "Knoblauch, R. L., Pietrucha, M. T., Nitzburg, M. (1996). Field studies of pedestrian walking speed and start-up time. *Transportation Research Record* 1538, 27–38: mean 1.51 m/s (younger) and 1.25 m/s (older), 15th percentiles 1.25 and 0.97 m/s."},
      {"S2",
       "Kretz, T., Grünebohm, A., Kessel, A., Klüpfel, H., Meyer-König, T., Schreckenberg, M. (2008). Upstairs walking speed distributions on a long stairway. *Safety Science* 46(1), 72–78: horizontal upward speeds peak at 0.4–0.5 m/s on a long stairway; on a short stairway the mean is about twice as large. Also Fujiyama, T., Tyler, N. (2010). Predicting the walking speed of pedestrians on stairs. *Transportation Planning and Technology* 33(2): speed depends on gradient and the walker."},
      {"S3",
       "Ronchi, E., Norén, J., Delin, M., Kuklane, K., Halder, A., Arias, S., Fridolf, K. (2015). *Ascending evacuation in long stairways: physical exertion, walking speed and behaviour*. Lund University, Report 3192 (citing ten to fifteen times the energy of level walking)."},
      {"S4",
       "British Council for Offices (2014) lift guidance as summarised by AdSimulo: up-peak average waiting time 25–30 s, lunchtime under 40 s."},
      {"S5",
       "Day Elevator, \"The need to reduce elevator wait times in New York\" (citing user studies): under 20 s excellent and 40 s poor in offices; 90 s acceptable in apartments."},
      {"S6",
       "South China Morning Post, 2020-09 (\"Meituan, Ele.me relax food delivery time targets\"): Meituan adds eight minutes to dispatch time for riders \"to wait for elevators\"; Ele.me lets customers accept up to 10 minutes more."},
      {"S7",
       "Rath, A., \"How much lift does a building need?\", *Lift Journal*: rule of thumb operating speed = travel height / 25 (m/s); one 630 kg lift suffices for up to 12 homes on 6 floors."},
      {"S8",
       "National Bureau of Statistics of China, 7th census main results, 2021-05-11: 494.16 million family households, 2.62 persons per family household."},
      {"S9",
       "Beijing Municipal Bureau of Statistics, 7th census main results, 2021-05-19: 8.231 million family households, average 2.31 persons (0.14 fewer than 2010); 65+ 13.3% of residents."},
      {"S10",
       "The Straits Times / New York Times, 2017-02-02, \"Majority work seven days a week: survey\" (Beijing Jiaotong University and Alibaba, 40,000 couriers): up to 150 packages on a weekday; nearly a quarter work more than 12 hours a day. People's Daily Online, 2017-05-25: 31.3 billion parcels in 2016, nearly 100 million a day."},
      {"S11",
       "China Daily, 2022-04-12 (Shanghai, Dingdong Maicai Baotun Road site): 21 couriers on shifts from 06:30 \"until as late as 11 pm\"; one delivered \"as many as 200 packages in a single day\"; four of nine sites in Huangpu closed. SHINE, 2022-04-01: restaurants mostly suspended, groceries 4–5 hours slower than normal."},
      {"S12",
       "Wolt courier partners' guide, \"When to deliver\": lunch peak 11:00–13:00, evening peak 17:00–21:00, continuous afternoon demand."},
      {"S13",
       "bkwk.cn, \"Hangzhou takeout peak hours\": breakfast 07:00–09:00, lunch 11:00–13:30 (the day's peak), dinner 17:00–19:30, late-night 20:00–22:00."},
      {"S14",
       "Shenzhen Economic Daily, 2019-07-31, Meituan late-night data: 21:00–22:00 is about 40% of late-night (21:00–04:00) orders."},
      {"S15",
       "The Straits Times, 2022-03-29, Shanghai: apps \"only open new delivery slots very early in the morning or very late at night\", residents waking at 05:30; Bloomberg via TimesLIVE 2022-03-24: alarms at 05:00."},
      {"S16",
       "TechNode, 2022-04-25, \"Chinese online grocers increase stock to calm panic buyer in Beijing as the city organizes mass Covid tests\" (https://technode.com/2022/04/25/chinese-online-grocers-increase-stock-to-calm-panic-buyer-in-beijing-as-the-city-organizes-mass-covid-tests/): Dingdong's daily orders in Beijing +50% on 24 April, and it planned to increase supplies to Beijing by 1.5 times (staple goods +150%); Meituan Maicai to increase product supplies three to five times; Freshippo and 7Fresh to double or triple their stock; Carrefour and Wumart to triple their usual stock. Stock raised 1.5 to 5 times against demand up 50%."},
      {"S17",
       "Now Shenzhen, 2022-02-28: online orders of Vanguard stores near lockdown areas five to six times those of previous days; Dingdong +20% over a week."},
      {"S18",
       "China Daily, 2022-05-27, \"Quick fingers to the rescue\": Dingdong's two daily slots at 06:00 and 08:30, Miss Fresh from 23:30; goods sold out seconds after a slot opens."},
      {"S19",
       "Rim, S.-C., Jung, M.-C. (2022). Evaluation of workloads of package deliverers focusing on their pickup and delivery tasks in Republic of Korea. *Sustainability* 14(9), 5229, https://doi.org/10.3390/su14095229: 20 deliverers, 4.3 h a day picking up and delivering 331.9 packages."},
      {"S20",
       "GB 50096-2011, *Design code for residential buildings* (住宅设计规范), lifts: homes of seven storeys or more, or with an entrance floor more than 16 m above ground, must have lifts."},
      {"S21",
       "US CDC close-contact definition, revised 2020-10-21: within 6 feet of an infected person for a cumulative total of 15 minutes or more over a 24-hour period."},
      {"S22",
       "China Post and Express News et al., couriers' work-conditions survey 2020 (19,260 couriers of 11 firms), reported by China Daily 2021-03-22: about 80% of couriers handle no more than 200 parcels a day; over 1% handle 600 or more."},
      {"S23",
       "China Daily, 2015-01-26 (\"To your door\"): a Shanghai STO courier hands over about 250 packages a day, office buildings, 06:00 to 19:00. Global Times via dahuawang: a Yuantong courier in Shantou works 08:00–19:00."},
      {"S24",
       "Chalmers University of Technology, LVMT and Volvo Technology authors (2020). \"A time-efficiency study of medium-duty trucks delivering in urban environments\", *Sustainability* 12(1), 425 (Gothenburg): driving 30% of a tour, breaks 15–17%, terminal activities 15%, loading and unloading 11%."},
      {"S25",
       "Allen, J., Piecyk, M., Piotrowska, M., McLeod, F., Cherrett, T., et al. (2018). Understanding the impact of e-commerce on last-mile light goods vehicle activity in urban areas: the case of London. *Transportation Research Part D* 61, 325–338: walking up to 62% of the round time; drivers spend 4.6 h a day on foot sorting, unloading and delivering, walking 7.9 km."},
      {"S26",
       "Hagenaars, A., de Vos, K., Zaidi, M. A. (1994). *Poverty statistics in the late 1980s*. Eurostat: the OECD-modified equivalence scale (1, 0.5 per further adult, 0.3 per child under 14)."},
      {"S27",
       "Calderón, O., Regal-Ludowieg, A., Holguín-Veras, J. (2026). Factors influencing service times for urban deliveries in the United States. *Transportation Research Part A* 207: log-logistic service times; shorter with larger households, longer with density, package size and peak hours."},
      {"S28",
       "China Daily, 2020-04-01, \"JD sees Wuhan deliveries surge threefold in March\": JD's Huangpu station in Wuhan went from over 1,000 to 2,700 orders a day, with 19 deliverymen back at work and 3 new ones; same-day delivery restored downtown."},
      {"S29",
       "China Daily (chinaservicesinfo), 2020-02-06, \"Deliverymen keep essential food supply route operating\": JD's turnover in grain and edible oil 15 times the previous year's over the Spring Festival, instant food more than tenfold, dairy +300%; most packages left in neighbourhood lockers to avoid meeting people."},
      {"S30",
       "Health guidance on disinfecting parcels, spring 2022: Shanghai Putuo district, \"新冠防疫每日问答(八)\", 2022-04-19 (spray or wipe the packaging with disinfectant, \"静置半小时\", let it stand half an hour); a local public-health Q&A on group-buying goods (spray or wipe the packaging, \"作用10-30分钟\", 10 to 30 minutes' contact)."},
      {"S31",
       "The Roundup Record, 2023-12-20, \"Post office gallantly delivers mail and packages through the holiday season\": the local post office \"can process about 300 parcels per hour\". A whole office's throughput with an unknown staff: it gives no rate per person, and no default rests on it."},
      {"S32",
       "JD \"211 限时达\" service terms (as published on JD's help pages and quoted by xiaodianwang.com and 39zn.cn): orders in stock submitted before 11:00 delivered the same day; before 23:00, delivered before 15:00 the next day (Beijing, Shanghai, Guangzhou, Chengdu first; some cities 10:00)."},
      {"S33",
       "Cold chain of the online grocers, 2020–2022: Shanghai Daily (shine.cn), 2020-02-05, \"Online firm feeds Wuhan heroes' families\" (Dingdong's community warehouse inside a residential compound); shine.cn, 2022-03-28, \"Supermarkets, grocery and food vendors working hard to ensure supplies\" (Dingdong's fruit and vegetable warehouse in Pudong \"operates round the clock\"; packaged goods delivered to pick-up points outside locked-down compounds); Jiemian, 2022, \"Beyond fast junk – Delivery companies struggle to meet fresh demand\" (next-day deliveries dropped at community pick-up points by truck). These describe the platforms' upstream cold warehouses; none describes a cold room at a temporary relay station or pick-up point."},
      {"S34",
       "Peters, R. D. (2012). \"Lift performance time\", Symposium on Lift and Escalator Technologies (Peters Research; Elevator World): performance time is the time to travel between two floors including the doors opening and closing; its parts are door closing, start delay, flight and door opening, and measured start and levelling delays add to the ideal kinematics."},
      {"S35",
       "Barney, G., Al-Sharif, L. (2016). *Elevator Traffic Handbook: Theory and Practice*, 2nd ed., Routledge, section 5.8 \"Time consumed when stopping\": the stop's cost is the performance time less the transit of one floor at rated speed; advance door opening saves 0.5–1.7 s a stop."},
      {"S36",
       "Asia Economy (asiae.co.kr), 2025-08-30, on parcel thefts in Korea (about 6 billion parcels a year): \"since the COVID-19 pandemic, contactless delivery has become commonplace\", parcel boxes left in front of doors."},
      {"S37",
       "Royal Law Firm (Beijing), \"What is my work break entitlement?\" (Q&A 81), quoting the *Interpretation of the Labor Law of the People's Republic of China* compiled by the Legislative Affairs Commission of the NPC Standing Committee, on Article 38: work and meal breaks within a working day \"typically taking 1 to 2 hours but no less than half an hour\", normally starting after 4 hours of consecutive work, not paid working time; jobs with an unbroken process must still arrange a meal break."},
      {"S38",
       "Physical work and strain involved in manual sorting of postal parcels. *Ergonomics* 33(9), 1115–1130 (1990), Institute of Occupational Health, Vantaa, Finland (https://pubmed.ncbi.nlm.nih.gov/2226427/, doi:10.1080/00140139008925317): 32 sorters at five sites, each over one evening shift of 391 ± 46 min, manually sorted 1,173 ± 630 parcels: 20 s a parcel on average, 13 to 43 s within one standard deviation of the count."},
      {"S39",
       "Reuters (Josh Horwitz), 2022-04-08, \"Shanghai jumps into group buying to stay fed during COVID lockdown\" (as republished at https://www.saltwire.com/nova-scotia/news/shanghai-jumps-into-group-buying-to-stay-fed-during-covid-lockdown-100716220/): residents of one address band together to place single bulk orders; Pizza Hut offered groups of 10 buyers, Haidilao and a meat supplier set minimum orders of 30 sets; once enough buyers have paid, vendors dispatch the order to the compound \"usually days later\", and building security or volunteers drop each order door to door."},
      {"S40",
       "HR Daily Advisor (BLR), 2008-05-02, \"Meal Breaks\": to provide continuous coverage, stagger the meal period (send the first group out, the second as the first returns) or the start times."},
  };
  return list;
}

const Source* find_source(const std::string& tag) {
  const auto& list = sources();
  const auto it = std::find_if(list.begin(), list.end(), [&](const Source& s) { return s.tag == tag; });
  return it == list.end() ? nullptr : &*it;
}

}  // namespace last100::model
