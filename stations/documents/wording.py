"""The source document's own words for values printed on the forms (data, not UI text).

附件1 names the service items "(饮水供给、避暑取暖、餐食加热、手机充电、休息如厕、其他服务项目)";
the PDF prints those words, whatever the portal's interface language is.
"""

from __future__ import annotations

from ..models import Service

SERVICE_WORDS: dict[str, str] = {
    Service.WATER: "饮水供给",
    Service.COOL_WARM: "避暑取暖",
    Service.MEAL_HEATING: "餐食加热",
    Service.CHARGING: "手机充电",
    Service.REST_TOILET: "休息如厕",
    Service.OTHER: "其他服务项目",
}
