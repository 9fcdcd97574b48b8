<?php
/*
 * Installs WordPress into the run's empty database, as the web installer would, without wp-cli
 * (Debian has none): a fixed administrator, pretty permalinks (/%postname%/, so /wp-json/ works), the
 * site's name, tagline and time zone, and none of the sample content. Input: { title, description, timezone, admin: { login, password,
 * email } }. Output: { version }.
 */
require __DIR__ . '/cli.php';
define('WP_INSTALLING', true);
$newsroom_input = newsroom_input();
require getenv('NEWSROOM_WP_CONFIG');
require_once ABSPATH . 'wp-admin/includes/upgrade.php';

add_filter('pre_wp_mail', '__return_false');
$newsroom_result = wp_install(
    $newsroom_input['title'],
    $newsroom_input['admin']['login'],
    $newsroom_input['admin']['email'],
    true,
    '',
    wp_slash($newsroom_input['admin']['password'])
);
if (is_wp_error($newsroom_result)) {
    newsroom_fail('wp_install failed: ' . $newsroom_result->get_error_message());
}
// A newsroom's WordPress holds its own stories only: no "Hello world!", sample page or privacy draft.
foreach (get_posts(['post_type' => 'any', 'post_status' => 'any', 'numberposts' => -1]) as $newsroom_post) {
    wp_delete_post($newsroom_post->ID, true);
}
update_option('blogdescription', $newsroom_input['description']);
update_option('timezone_string', $newsroom_input['timezone']);
update_option('gmt_offset', '');
// Pretty permalinks; no .htaccess to write (the router sends every request to index.php).
global $wp_rewrite;
$wp_rewrite->set_permalink_structure('/%postname%/');
$wp_rewrite->flush_rules(false);
newsroom_output(['version' => get_bloginfo('version')]);
