//! Entry point: installs the panic hook (abort open writes, show the error screen) and mounts the application.

fn main() {
    care_planner::ui::install_panic_hook();
    leptos::mount::mount_to_body(care_planner::ui::App);
}
