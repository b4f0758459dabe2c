resource "azuread_custom_directory_role" "contoso_app_reader" {
  display_name = "Contoso App Reader"
  enabled      = true
  version      = "1.0"

  permissions {
    allowed_resource_actions = [
      "microsoft.directory/applications/allProperties/read",
    ]
  }
}
