resource "azuread_custom_directory_role" "contoso_app_operator" {
  display_name = "Contoso App Operator"
  description  = "Reads apps; \"operates\" them: C:\\apps\\$${env} and %%{if} are literal text"
  enabled      = true
  version      = "1.0"
  template_id  = "8e41b0d7-2c3a-4f95-b1e6-7d0a9f3c5e12"

  permissions {
    allowed_resource_actions = [
      "microsoft.directory/applications/allProperties/read",
      "microsoft.directory/applications/basic/update",
    ]
  }
}
