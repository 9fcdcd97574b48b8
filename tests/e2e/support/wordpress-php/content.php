<?php
/*
 * Creates and changes content in the run's WordPress, as an administrator would in the editor (so an
 * administrator's <script> is kept, as WordPress keeps it). Usage: php content.php <action>, with the
 * action's JSON input on stdin; prints the result (see tests/e2e/support/wordpress.ts for the shapes).
 */
require __DIR__ . '/cli.php';
$newsroom_action = $argv[1] ?? newsroom_fail('usage: php content.php <action> < input.json');
$newsroom_input = newsroom_input();
require getenv('NEWSROOM_WP_CONFIG');
require_once ABSPATH . 'wp-admin/includes/image.php';
require_once ABSPATH . 'wp-admin/includes/taxonomy.php';

$admin = get_user_by('login', getenv('NEWSROOM_WP_ADMIN') ?: 'admin');
if (!$admin) {
    newsroom_fail('no administrator to act as');
}
wp_set_current_user($admin->ID);

/** Stops with WordPress's message when a call returned an error. */
function newsroom_check(mixed $result, string $what): mixed
{
    if (is_wp_error($result)) {
        newsroom_fail("$what: " . $result->get_error_message());
    }
    if ($result === 0 || $result === false) {
        newsroom_fail("$what failed");
    }
    return $result;
}

/** A time given as ISO 8601 (any offset) as the two columns WordPress keeps: site-local and UTC. */
function newsroom_dates(string $iso): array
{
    $time = strtotime($iso);
    if ($time === false) {
        newsroom_fail("not a date: $iso");
    }
    $gmt = gmdate('Y-m-d H:i:s', $time);
    return ['post_date' => get_date_from_gmt($gmt), 'post_date_gmt' => $gmt];
}

/** An author by login: created (role author) when missing, with the display name given. */
function newsroom_author(array $author): int
{
    $user = get_user_by('login', $author['login']);
    if ($user) {
        return $user->ID;
    }
    return newsroom_check(wp_insert_user([
        'user_login' => $author['login'],
        'user_pass' => wp_generate_password(),
        'user_email' => $author['login'] . '@example.test',
        'display_name' => $author['name'],
        'nickname' => $author['name'],
        'first_name' => $author['name'],
        'role' => 'author',
    ]), "creating author {$author['login']}");
}

/** Category ids by name, creating the missing ones. */
function newsroom_categories(array $names): array
{
    return array_map(
        fn (string $name) => newsroom_check(wp_create_category($name), "creating category $name"),
        $names
    );
}

/**
 * A photo as a newsroom uploads one: a JPEG (GD draws a plain coloured picture of the given size)
 * carrying its caption, credit and title in IPTC, as cameras and picture desks write them, so that
 * WordPress fills media_details.image_meta from the file; then the attachment with its alt text and
 * its caption (the attachment's excerpt), and every size WordPress makes.
 */
function newsroom_image(array $image, int $parent): int
{
    $width = (int) ($image['width'] ?? 1600);
    $height = (int) ($image['height'] ?? 1000);
    $title = $image['title'] ?? $image['alt'];
    $picture = imagecreatetruecolor($width, $height);
    $seed = crc32($title . $image['caption']);
    $background = imagecolorallocate($picture, $seed & 0x7f, ($seed >> 8) & 0x7f, ($seed >> 16) & 0x7f);
    $accent = imagecolorallocate($picture, 0xe0, 0xd0, 0xa0);
    imagefill($picture, 0, 0, $background);
    imagefilledellipse($picture, intdiv($width, 3), intdiv($height, 2), intdiv($width, 3), intdiv($width, 3), $accent);
    $file = tempnam(sys_get_temp_dir(), 'newsroom-photo-');
    imagejpeg($picture, $file, 82);

    $iptc = '';
    foreach (['1#090' => "\x1B%G", '2#005' => $title, '2#110' => $image['credit'], '2#120' => $image['caption']] as $tag => $value) {
        [$record, $dataset] = array_map('intval', explode('#', $tag));
        $iptc .= chr(0x1C) . chr($record) . chr($dataset) . pack('n', strlen($value)) . $value;
    }
    $jpeg = iptcembed($iptc, $file);
    unlink($file);
    if ($jpeg === false) {
        newsroom_fail('iptcembed failed');
    }

    $name = sanitize_file_name($title . '.jpg');
    $upload = wp_upload_bits($name, null, $jpeg);
    if ($upload['error']) {
        newsroom_fail('upload failed: ' . $upload['error']);
    }
    $id = newsroom_check(wp_insert_attachment([
        'post_mime_type' => 'image/jpeg',
        'post_title' => $title,
        'post_excerpt' => $image['caption'],
        'post_content' => '',
        'post_status' => 'inherit',
    ], $upload['file'], $parent, true), 'inserting the attachment');
    wp_update_attachment_metadata($id, wp_generate_attachment_metadata($id, $upload['file']));
    update_post_meta($id, '_wp_attachment_image_alt', wp_slash($image['alt']));
    return $id;
}

/** The fields of wp_insert_post / wp_update_post for the input's post fields. */
function newsroom_post_fields(array $input): array
{
    $fields = [];
    foreach (['title' => 'post_title', 'content' => 'post_content', 'excerpt' => 'post_excerpt',
        'status' => 'post_status', 'slug' => 'post_name', 'password' => 'post_password'] as $key => $column) {
        if (array_key_exists($key, $input)) {
            $fields[$column] = $input[$key];
        }
    }
    if (isset($input['date'])) {
        $fields += newsroom_dates($input['date']);
        $fields['edit_date'] = true;
    }
    if (isset($input['author'])) {
        $fields['post_author'] = newsroom_author($input['author']);
    }
    return $fields;
}

/**
 * Terms and the featured image, set apart from the post's fields (as plugins, imports and bulk tools
 * set them): a change of these alone leaves the post's modified time as it was, the case a sync that
 * asks for modified_after misses.
 */
function newsroom_post_extras(int $id, array $input): void
{
    if (isset($input['categories'])) {
        newsroom_check(wp_set_post_categories($id, newsroom_categories($input['categories'])), 'setting categories');
    }
    if (isset($input['tags'])) {
        newsroom_check(wp_set_post_tags($id, $input['tags'], false), 'setting tags');
    }
    if (isset($input['featuredImage'])) {
        newsroom_check(set_post_thumbnail($id, newsroom_image($input['featuredImage'], $id)), 'setting the featured image');
    }
    if (!empty($input['sticky'])) {
        stick_post($id);
    }
}

/** What the tests get back: enough to find the post in the REST API. */
function newsroom_post_result(int $id): array
{
    $post = get_post($id);
    clean_post_cache($id);
    return [
        'id' => $id,
        'slug' => $post->post_name,
        'link' => get_permalink($id),
        'status' => $post->post_status,
        'featuredMedia' => (int) get_post_thumbnail_id($id),
    ];
}

switch ($newsroom_action) {
    case 'createPost':
    case 'createPage':
        $newsroom_fields = newsroom_post_fields($newsroom_input) + [
            'post_type' => $newsroom_action === 'createPage' ? 'page' : 'post',
            'post_status' => 'publish',
        ];
        // "future" needs a date ahead (else WordPress publishes it at once): a week from now by default.
        if ($newsroom_fields['post_status'] === 'future' && !isset($newsroom_input['date'])) {
            $newsroom_fields += newsroom_dates('+1 week');
        }
        // wp_insert_post unslashes its input (magic quotes of old): slash it so backslashes survive.
        $newsroom_id = newsroom_check(wp_insert_post(wp_slash($newsroom_fields), true), $newsroom_action);
        newsroom_post_extras($newsroom_id, $newsroom_input);
        newsroom_output(newsroom_post_result($newsroom_id));
        break;
    case 'updatePost':
        $newsroom_id = (int) $newsroom_input['id'];
        $newsroom_fields = newsroom_post_fields($newsroom_input['fields']);
        if ($newsroom_fields) {
            newsroom_check(wp_update_post(wp_slash(['ID' => $newsroom_id] + $newsroom_fields), true), 'updatePost');
        }
        newsroom_post_extras($newsroom_id, $newsroom_input['fields']);
        newsroom_output(newsroom_post_result($newsroom_id));
        break;
    case 'trashPost':
        newsroom_check(wp_trash_post((int) $newsroom_input['id']), 'trashPost');
        newsroom_output(newsroom_post_result((int) $newsroom_input['id']));
        break;
    case 'deletePost':
        newsroom_check(wp_delete_post((int) $newsroom_input['id'], true), 'deletePost');
        newsroom_output(['id' => (int) $newsroom_input['id']]);
        break;
    case 'setImageCaption':
        newsroom_check(
            wp_update_post(wp_slash(['ID' => (int) $newsroom_input['id'], 'post_excerpt' => $newsroom_input['caption']]), true),
            'setImageCaption'
        );
        newsroom_output(['id' => (int) $newsroom_input['id']]);
        break;
    default:
        newsroom_fail("unknown action $newsroom_action");
}
