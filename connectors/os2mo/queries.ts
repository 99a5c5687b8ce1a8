// The three queries the OS2mo connector sends, against the pinned GraphQL version. Every one asks
// for all validities (from_date/to_date null: OS2mo otherwise returns only what is valid today),
// is paged with limit/cursor, and takes $registeredSince: an incremental sync asks only for objects
// with a registration (a change) from then (filter.registration.start); null reads every object. tests/unit/connectors-os2mo-schema.test.ts validates them
// against OS2mo's published schema for this version (schema.v29.graphql).
export const OS2MO_GRAPHQL_VERSION = 29;

export const ORG_UNITS_QUERY = /* GraphQL */ `
  query BelastningOrgUnits($limit: int, $cursor: Cursor, $registeredSince: DateTime) {
    org_units(limit: $limit, cursor: $cursor, filter: { from_date: null, to_date: null, registration: { start: $registeredSince } }) {
      objects {
        uuid
        validities {
          user_key
          name
          parent_uuid
          unit_type_response { current { user_key } }
          validity { from to }
        }
      }
      page_info { next_cursor }
    }
  }
`;

export const ENGAGEMENTS_QUERY = /* GraphQL */ `
  query BelastningEngagements($limit: int, $cursor: Cursor, $registeredSince: DateTime) {
    engagements(limit: $limit, cursor: $cursor, filter: { from_date: null, to_date: null, registration: { start: $registeredSince } }) {
      objects {
        uuid
        validities {
          employee_uuid
          org_unit_uuid
          fraction
          job_function_uuid
          job_function_response { current { user_key } }
          validity { from to }
        }
      }
      page_info { next_cursor }
    }
  }
`;

export const MANAGERS_QUERY = /* GraphQL */ `
  query BelastningManagers($limit: int, $cursor: Cursor, $registeredSince: DateTime) {
    managers(limit: $limit, cursor: $cursor, inherit: false, filter: { from_date: null, to_date: null, registration: { start: $registeredSince } }) {
      objects {
        uuid
        validities {
          employee_uuid
          org_unit_uuid
          validity { from to }
        }
      }
      page_info { next_cursor }
    }
  }
`;

/** The cheapest query there is: one unit, for "test connection". */
export const PING_QUERY = /* GraphQL */ `
  query BelastningPing {
    org_units(limit: 1) { objects { uuid } page_info { next_cursor } }
  }
`;
