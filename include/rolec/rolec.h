/* rolec/rolec.h — the C API: compile .role sources, load verified policy images, prepare
 * principals, check and explain requests, and swap images under running checks (hot reload).
 *
 *   rolec_source source = {"contoso.role", text, ROLEC_NUL_TERMINATED};
 *   rolec_policy* policy = NULL;
 *   char* diagnostics = NULL;
 *   if (rolec_policy_compile(&source, 1, 0, &policy, &diagnostics) != ROLEC_OK) {
 *     fprintf(stderr, "%s%s\n", diagnostics ? diagnostics : "", rolec_last_error());
 *   }
 *   rolec_string_free(diagnostics);
 *   rolec_role_id helpdesk;
 *   rolec_policy_find_role(policy, "Helpdesk Administrator", ROLEC_NUL_TERMINATED, &helpdesk);
 *   rolec_assignment assignment = {helpdesk, {NULL, 0}};        // tenant scope "/"
 *   rolec_principal* alice = NULL;
 *   rolec_principal_prepare(policy, "alice", ROLEC_NUL_TERMINATED, &assignment, 1, &alice);
 *   rolec_target target = {0};
 *   target.kind = ROLEC_TARGET_USER;
 *   rolec_decision decision;
 *   rolec_check(policy, alice, "microsoft.directory/users/password/update", ROLEC_NUL_TERMINATED,
 *               &target, NULL, &decision);
 *   rolec_principal_free(alice);
 *   rolec_policy_free(policy);
 *
 * The hourglass shape (as in wasm3 and Lua): opaque handles with new/free pairs, plain structs
 * of views in, status codes out. Nothing of C++ crosses this header: every entry point catches
 * every exception (std::bad_alloc included) and returns a status; a null pointer or a bad length
 * is ROLEC_ERR_INVALID_ARGUMENT, never undefined behaviour. docs/embedding.md is the manual.
 *
 * Errors: every function that can fail returns a rolec_status. On failure it also records a
 * message for the calling thread, read with rolec_last_error(); a successful call leaves the
 * message unchanged (as errno), so read it only right after a failure.
 *
 * Strings: a (pointer, length) pair everywhere. ROLEC_NUL_TERMINATED as the length means "up to
 * the first NUL". A NULL pointer with length 0 is the empty string; NULL with any other length
 * is an error. Strings are bytes (UTF-8 expected), never retained unless a function says so.
 *
 * This header compiles as C99 and as C++; it uses only <stdbool.h>, <stddef.h>, <stdint.h>
 * and rolec/export.h. */
#ifndef ROLEC_ROLEC_H_
#define ROLEC_ROLEC_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rolec/export.h" /* ROLEC_API */

#ifdef __cplusplus
extern "C" {
#endif

/* The version of this header. rolec_version() reports the library's; a program built against
 * one ABI version runs against any library of the same ROLEC_ABI_VERSION. */
#define ROLEC_VERSION_MAJOR 0
#define ROLEC_VERSION_MINOR 1
#define ROLEC_VERSION_PATCH 0
#define ROLEC_ABI_VERSION 1

#define ROLEC_NUL_TERMINATED ((size_t)-1)

/* ---- Status codes (stable values: append only) ---- */
typedef enum rolec_status {
  ROLEC_OK = 0,
  ROLEC_ERR_INVALID_ARGUMENT = 1, /* a NULL pointer, a bad length, a bad enum value */
  ROLEC_ERR_COMPILE = 2,          /* the sources have errors; see the diagnostics text */
  ROLEC_ERR_BAD_IMAGE = 3,        /* the image is corrupt, truncated or of another format */
  ROLEC_ERR_IO = 4,               /* a file could not be read */
  ROLEC_ERR_NOT_FOUND = 5,        /* an unknown action or role name */
  ROLEC_ERR_OUT_OF_RANGE = 6,     /* a role or action id not in the policy (prepare, name lookups) */
  ROLEC_ERR_OUT_OF_MEMORY = 7,
  ROLEC_ERR_INTERNAL = 8          /* a bug in rolec: please report the message */
} rolec_status;

/* "ok", "invalid_argument", ...; "unknown" for a value not listed. Never NULL. */
ROLEC_API const char* rolec_status_name(rolec_status status);

/* The message of the calling thread's last failed call ("" if none yet). Valid until the next
 * rolec call on this thread. Never NULL. */
ROLEC_API const char* rolec_last_error(void);

/* ---- Version ---- */
typedef struct rolec_version_info {
  uint32_t major, minor, patch;
  uint32_t abi; /* ROLEC_ABI_VERSION of the library */
  const char* text; /* "0.1.0", static storage */
} rolec_version_info;
ROLEC_API rolec_status rolec_version(rolec_version_info* out);

/* ---- Values ---- */
typedef uint32_t rolec_action_id; /* index into the policy's action catalog */
typedef uint32_t rolec_role_id;   /* index into the policy's role table */
#define ROLEC_NO_ACTION ((rolec_action_id)0xFFFFFFFFu)
#define ROLEC_NO_ROLE ((rolec_role_id)0xFFFFFFFFu)

typedef struct rolec_string_view {
  const char* data;
  size_t length; /* or ROLEC_NUL_TERMINATED */
} rolec_string_view;

typedef enum rolec_decision { ROLEC_DENY = 0, ROLEC_ALLOW = 1 } rolec_decision;

/* The kinds of directory object (the values of rolec::TargetKind). */
typedef enum rolec_target_kind {
  ROLEC_TARGET_UNSPECIFIED = 0,
  ROLEC_TARGET_USER = 1,
  ROLEC_TARGET_GROUP = 2,
  ROLEC_TARGET_DEVICE = 3,
  ROLEC_TARGET_APPLICATION = 4,
  ROLEC_TARGET_SERVICE_PRINCIPAL = 5,
  ROLEC_TARGET_ADMINISTRATIVE_UNIT = 6,
  ROLEC_TARGET_ROLE_DEFINITION = 7,
  ROLEC_TARGET_OTHER = 8
} rolec_target_kind;

/* The object acted on; mirrors rolec::Target. Zero-initialise it ({0}) and set what is known:
 * all zeros is "a target of unspecified kind about which nothing is known". Arrays are (pointer,
 * count); a NULL pointer with a non-zero count is an error. Viewed only during the call. */
typedef struct rolec_target {
  int32_t kind; /* a rolec_target_kind */
  rolec_string_view id;
  /* Directory roles the target holds, as ids of the policy checked with, and/or as display names
   * or template ids (resolved against the image that answers: use names with an engine). */
  const rolec_role_id* roles;
  size_t role_count;
  const rolec_string_view* role_names;
  size_t role_name_count;
  bool role_assignable_group_member; /* member or owner of a role-assignable group */
  bool role_scoped_to_restricted_admin_unit; /* holds a role scoped to a restricted AU */
  bool in_restricted_admin_unit; /* member of a restricted management AU */
  bool role_assignable;          /* the target is itself a role-assignable group */
  const rolec_string_view* admin_units; /* AUs the target belongs to */
  size_t admin_unit_count;
  const rolec_string_view* restricted_admin_units; /* which of admin_units are restricted */
  size_t restricted_admin_unit_count;
  const rolec_string_view* owners; /* principal ids owning the target */
  size_t owner_count;
} rolec_target;

typedef struct rolec_context {
  bool mfa; /* the principal satisfied multifactor authentication */
} rolec_context;

/* ---- Compiling ---- */
typedef struct rolec_source {
  const char* path; /* as shown in diagnostics; NUL-terminated */
  const char* text;
  size_t length; /* of text, or ROLEC_NUL_TERMINATED */
} rolec_source;

/* Flags of rolec_compile. */
#define ROLEC_COMPILE_NO_STDLIB 1u /* leave out the Entra standard library (module entra) */

/* Compiles `count` sources (with the standard library unless ROLEC_COMPILE_NO_STDLIB) into a
 * policy image: *image (length *image_length) is a new buffer freed with rolec_string_free.
 * *diagnostics, if diagnostics is not NULL, receives every error, warning and note formatted as
 * rolec check prints them ("" if none), NUL-terminated, freed with rolec_string_free; it is set
 * on ROLEC_ERR_COMPILE too. On any failure *image is NULL and *image_length 0. */
ROLEC_API rolec_status rolec_compile(const rolec_source* sources, size_t count, uint32_t flags,
                                     char** image, size_t* image_length, char** diagnostics);

/* ---- Policies: a loaded, verified image. Immutable; any number of threads may use one. ---- */
typedef struct rolec_policy rolec_policy;

/* Verifies and loads an image (copied). A corrupt, truncated or foreign image is
 * ROLEC_ERR_BAD_IMAGE. *policy is NULL on failure. */
ROLEC_API rolec_status rolec_policy_load(const void* bytes, size_t length, rolec_policy** policy);
/* The same from a file (path NUL-terminated); ROLEC_ERR_IO if it cannot be read. */
ROLEC_API rolec_status rolec_policy_load_file(const char* path, rolec_policy** policy);
/* rolec_compile followed by rolec_policy_load. */
ROLEC_API rolec_status rolec_policy_compile(const rolec_source* sources, size_t count,
                                            uint32_t flags, rolec_policy** policy,
                                            char** diagnostics);
/* Releases this handle. The image itself lives on while a principal prepared with it, an engine
 * or another handle still refers to it. NULL is allowed. */
ROLEC_API void rolec_policy_free(rolec_policy* policy);

/* Name lookups (ASCII case-insensitive; a role by display name or template id).
 * ROLEC_ERR_NOT_FOUND, and *id = ROLEC_NO_ACTION / ROLEC_NO_ROLE, if unknown. */
ROLEC_API rolec_status rolec_policy_find_action(const rolec_policy* policy, const char* name,
                                                size_t length, rolec_action_id* id);
ROLEC_API rolec_status rolec_policy_find_role(const rolec_policy* policy, const char* name,
                                              size_t length, rolec_role_id* id);
/* The names of ids, as views into the policy's image (not NUL-terminated: use the length), valid
 * until rolec_policy_free(policy): a role's display name and template id (empty if it has none),
 * a catalog action's name. ROLEC_ERR_OUT_OF_RANGE for an id the policy does not have (the views
 * are then empty). The out pointers of rolec_policy_role_name may be NULL. */
ROLEC_API rolec_status rolec_policy_role_name(const rolec_policy* policy, rolec_role_id id,
                                              rolec_string_view* name,
                                              rolec_string_view* template_id);
ROLEC_API rolec_status rolec_policy_action_name(const rolec_policy* policy, rolec_action_id id,
                                                rolec_string_view* name);
/* Table sizes: ids are 0 .. count-1. Any argument may be NULL except policy. */
ROLEC_API rolec_status rolec_policy_counts(const rolec_policy* policy, uint32_t* actions,
                                           uint32_t* roles, uint32_t* rules);

/* ---- Principals: who asks, with their role assignments resolved once. ---- */
typedef struct rolec_assignment {
  rolec_role_id role;
  rolec_string_view admin_unit; /* empty = tenant scope "/"; else /administrativeUnits/<id> */
} rolec_assignment;

typedef struct rolec_principal rolec_principal;

/* Prepares a principal: copies its id, its assignments and their units, and lays them out as the
 * evaluator reads them, so a check marshals nothing. Role ids must be ids of `policy`
 * (ROLEC_ERR_OUT_OF_RANGE otherwise). The principal keeps `policy`'s image alive. */
ROLEC_API rolec_status rolec_principal_prepare(const rolec_policy* policy, const char* principal_id,
                                               size_t principal_id_length,
                                               const rolec_assignment* assignments, size_t count,
                                               rolec_principal** principal);
ROLEC_API void rolec_principal_free(rolec_principal* principal); /* NULL is allowed */

/* ---- Checks ---- */
/* Decides one request. *decision is always written (ROLEC_DENY on any failure). A request that
 * names something the policy does not have (an out-of-range action or role id, an action outside
 * the catalog that no pattern matches) is ROLEC_OK with ROLEC_DENY, as in rolec::Policy::Check;
 * rolec_explain says why. An unknown name in target->role_names is ROLEC_ERR_NOT_FOUND.
 * A principal prepared with another policy works (its roles are looked up again by name, a role
 * the policy lacks grants nothing) but is slower. context may be NULL (no MFA); target may be NULL
 * (an unspecified target). No allocation with up to 16 target roles when any is given by name
 * (ids and names together), 32 target strings, and 16 assignments of a principal of another image. */
ROLEC_API rolec_status rolec_check(const rolec_policy* policy, const rolec_principal* principal,
                                   const char* action, size_t action_length,
                                   const rolec_target* target, const rolec_context* context,
                                   rolec_decision* decision);
ROLEC_API rolec_status rolec_check_id(const rolec_policy* policy, const rolec_principal* principal,
                                      rolec_action_id action, const rolec_target* target,
                                      const rolec_context* context, rolec_decision* decision);

/* One request of a batch, or of rolec_explain. The action is action_id unless that is
 * ROLEC_NO_ACTION, then the name in `action`. */
typedef struct rolec_request {
  const rolec_principal* principal;
  rolec_action_id action_id;
  rolec_string_view action;
  const rolec_target* target;   /* may be NULL */
  const rolec_context* context; /* may be NULL */
} rolec_request;

/* decisions[i] answers requests[i]. Every decision is written; the first failing request's status
 * is returned (its decision and the others' are still written, failures as ROLEC_DENY). */
ROLEC_API rolec_status rolec_check_batch(const rolec_policy* policy, const rolec_request* requests,
                                         size_t count, rolec_decision* decisions);

/* The decision with its reasons as a JSON object, the shape `rolec eval --json` prints:
 * {"decision":"allow"|"deny","reasons":[...],"denials":[...],"errors":[...],"notes":[...]}
 * (docs/embedding.md). *json is NUL-terminated, freed with rolec_string_free. */
ROLEC_API rolec_status rolec_explain(const rolec_policy* policy, const rolec_request* request,
                                     char** json);

/* Frees a string or buffer this library returned. NULL is allowed. */
ROLEC_API void rolec_string_free(char* text);

/* ---- Engines: hot reload. ---- */
/* An engine holds the current image. rolec_engine_swap replaces it atomically while other
 * threads check through the engine; each check uses one image from start to end, and a replaced
 * image is freed when the last check (or acquired handle) using it is done. Checks through an
 * engine take no lock. Any number of threads may call any engine function at once, except
 * rolec_engine_free. */
typedef struct rolec_engine rolec_engine;

/* A new engine serving `policy`'s image (the caller still owns and frees its handle). */
ROLEC_API rolec_status rolec_engine_new(const rolec_policy* policy, rolec_engine** engine);
/* From now on, checks use `policy`'s image; checks already running finish with the old one. */
ROLEC_API rolec_status rolec_engine_swap(rolec_engine* engine, const rolec_policy* policy);
/* A new policy handle of the current image, for several checks against one image (ids looked up
 * in it stay valid for it). Free it with rolec_policy_free. */
ROLEC_API rolec_status rolec_engine_acquire(rolec_engine* engine, rolec_policy** policy);
/* rolec_check against the current image. Give target roles by name (ids are per image). */
ROLEC_API rolec_status rolec_engine_check(rolec_engine* engine, const rolec_principal* principal,
                                          const char* action, size_t action_length,
                                          const rolec_target* target, const rolec_context* context,
                                          rolec_decision* decision);
/* No thread may use the engine during or after this. Acquired handles stay valid. NULL allowed. */
ROLEC_API void rolec_engine_free(rolec_engine* engine);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* ROLEC_ROLEC_H_ */
