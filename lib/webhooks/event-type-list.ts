import { EVENT_CATALOGUE, EVENT_TYPES, eventJsonSchema } from "./event-catalogue";

/** The catalogue as GET /api/v1/event-types serves it. */
export function eventTypeList() {
  return EVENT_TYPES.map((name) => {
    const e = EVENT_CATALOGUE[name];
    return {
      name,
      description: e.description,
      area: e.area,
      addition: e.addition,
      schema: eventJsonSchema(name),
      sample: e.sample,
    };
  });
}
