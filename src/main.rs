//! Entry point: installs the panic hook and mounts the application.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(care_planner::ui::App);
}
