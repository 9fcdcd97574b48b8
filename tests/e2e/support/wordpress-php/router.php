<?php
/*
 * Router for `php -S` (tests/e2e/support/wordpress.ts starts it). The built-in server runs this for
 * every request. Files that exist under the document root (the uploads in WP_CONTENT_DIR, core's CSS
 * and scripts) are served by the server itself; everything else is WordPress's front controller, as
 * Apache's rewrite rule would do, so pretty permalinks and /wp-json/ work.
 *
 * WordPress is loaded with this run's own configuration (NEWSROOM_WP_CONFIG), never through Debian's
 * /usr/share/wordpress/wp-config.php, which would look for a file under /etc/wordpress: nothing is
 * written outside the run's data folder, and two runs cannot pick up each other's settings.
 */
$path = rawurldecode((string) parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH));
if (!str_contains($path, '..') && !str_ends_with($path, '.php')
    && is_file($_SERVER['DOCUMENT_ROOT'] . $path)) {
    return false;
}
if (str_starts_with($path, '/wp-content/') || str_starts_with($path, '/wp-includes/')) {
    http_response_code(404);
    header('Content-Type: text/plain');
    echo "Not found\n";
    return true;
}

// What WordPress would see behind Apache with its .htaccess: every request goes to /index.php.
$_SERVER['SCRIPT_NAME'] = '/index.php';
$_SERVER['PHP_SELF'] = '/index.php';

require getenv('NEWSROOM_WP_CONFIG');
// The rest of wp-blog-header.php (its first line, wp-load.php, is what the config replaces).
wp();
require ABSPATH . WPINC . '/template-loader.php';
