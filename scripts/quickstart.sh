#!/usr/bin/env bash
# First README command: install what is missing, build rolec, and run the main job — compile an
# example custom role against the bundled Entra standard library and answer access questions with
# their explanations.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build -DROLEC_BUILD_TESTS=OFF >/dev/null
cmake --build build -j"$(nproc)" --target rolec
R=build/cli/rolec
set -x
$R check examples/tier1_helpdesk.role
$R compile examples/tier1_helpdesk.role -o build/tier1_helpdesk.rolec
$R test examples/tier1_helpdesk.role
# A Helpdesk Administrator cannot reset a Global Administrator's password (exit 2 = deny) ...
$R eval --as "Helpdesk Administrator" microsoft.directory/users/password/update \
  --target-kind user --target-role "Global Administrator" || [ $? -eq 2 ]
# ... but can reset an ordinary user's.
$R eval --as "Helpdesk Administrator" microsoft.directory/users/password/update --target-kind user
# The example's custom role, from the compiled image.
$R eval --policy build/tier1_helpdesk.rolec --as "Contoso Tier1 Helpdesk" \
  microsoft.directory/users/password/update --target-kind user --target-role-assignable-group-member || [ $? -eq 2 ]
