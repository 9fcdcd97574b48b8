<?php
/*
 * Plugin Name: Newsroom test harness
 * Description: Loaded into every WordPress the tests start (tests/e2e/support/wordpress.ts).
 */

// No mail leaves a test WordPress (wp_install's notification, password changes): there is no mail server.
add_filter('pre_wp_mail', '__return_false');
