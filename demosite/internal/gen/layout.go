package main

// layout is the one template every page of the site shares. Its markup
// imitates the ASP.NET/Bootstrap portals many provincial departments run:
// the class names are the ones such portals use, so an extractor has to rely
// on generic rules rather than on the names.
const layout = `{{define "page"}}<!DOCTYPE html>
<html lang="vi" xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta charset="utf-8" />
<meta http-equiv="X-UA-Compatible" content="IE=edge" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>{{.HeadTitle}}</title>
<meta name="keywords" content="Sở Lao động - Thương binh và Xã hội, Sóc Trăng, lao động, việc làm, người có công, bảo trợ xã hội" />
<meta name="description" content="{{.Description}}" />
{{- if .OGTitle}}
<meta property="og:type" content="article" />
<meta property="og:title" content="{{.OGTitle}}" />
<meta property="og:image" content="{{.OGImage}}" />
{{- end}}
<link rel="shortcut icon" href="/images/favicon.png" type="image/png" />
<link rel="stylesheet" type="text/css" href="/css/bootstrap.min.css" />
<link rel="stylesheet" type="text/css" href="/css/style.css" />
<script type="text/javascript">
	var _portalId = 12, _tabId = {{.TabID}};
	function ShowClock() {
		var d = new Date(), t = ["Chủ nhật", "Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy"];
		var el = document.getElementById("clock");
		if (el) { el.innerHTML = t[d.getDay()] + ", ngày " + d.getDate() + "/" + (d.getMonth() + 1) + "/" + d.getFullYear(); }
	}
</script>
</head>
<body onload="ShowClock()">
<form method="post" action="{{.Path}}" id="Form">
<div class="aspNetHidden">
<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="/wEPDwUKMTY1NDU2MTA1MmRkXk9nL3R3a0xWb2c=" />
<input type="hidden" name="__EVENTVALIDATION" id="__EVENTVALIDATION" value="/wEdAAKu0vZKk5cQ6l9k1Rk=" />
</div>
<a id="top" name="top"></a>
<div class="wrapper">
	<div class="topbar">
		<div class="container">
			<div class="pull-left"><span id="clock"></span></div>
			<div class="pull-right top-links">
				<a href="/">Trang chủ</a> | <a href="/lien-he.html">Liên hệ</a> | <a href="/dang-nhap.html">Đăng nhập</a>
				<span class="top-search">
					<input type="text" name="q" id="txtSearch" placeholder="Nhập từ khóa..." />
					<input type="button" value="Tìm" onclick="location.href='/tim-kiem.html?q='+encodeURIComponent(document.getElementById('txtSearch').value)" />
				</span>
			</div>
		</div>
	</div>
	<div class="header">
		<div class="container">
			<a class="logo" href="/"><img src="/images/logo.png" alt="Logo Sở Lao động - Thương binh và Xã hội tỉnh Sóc Trăng" /></a>
			<div class="site-name">
				<span class="line1">ỦY BAN NHÂN DÂN TỈNH SÓC TRĂNG</span>
				<span class="line2">SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI</span>
			</div>
		</div>
	</div>
	<div class="hmenu">
		<div class="container">
			<ul class="sf-menu level0">
				<li class="{{if eq .Section "home"}}active{{end}}"><a href="/">Trang chủ</a></li>
				<li class="{{if eq .Section "gioi-thieu"}}active{{end}}"><a href="/gioi-thieu/chuc-nang-nhiem-vu.html">Giới thiệu</a>
					<ul class="level1">
						<li><a href="/gioi-thieu/chuc-nang-nhiem-vu.html">Chức năng, nhiệm vụ</a></li>
						<li><a href="/gioi-thieu/co-cau-to-chuc.html">Cơ cấu tổ chức</a></li>
					</ul>
				</li>
				<li class="{{if eq .Section "tin-tuc" "thong-bao"}}active{{end}}"><a href="/tin-tuc/">Tin tức</a>
					<ul class="level1">
						<li><a href="/tin-tuc/">Tin tức - Sự kiện</a></li>
						<li><a href="/thong-bao/">Thông báo</a></li>
					</ul>
				</li>
				<li class="{{if eq .Section "van-ban"}}active{{end}}"><a href="/van-ban/">Văn bản - Chính sách</a></li>
				<li><a href="/tim-kiem.html">Tra cứu</a></li>
				<li class="{{if eq .Section "lien-he"}}active{{end}}"><a href="/lien-he.html">Liên hệ</a></li>
			</ul>
		</div>
	</div>
	<div class="container main-body">
		<div class="row">
			<div class="col-md-9 col-sm-8 pane-content">
{{- if .Crumbs}}
				<div class="path">
					<a href="/">Trang chủ</a>{{range .Crumbs}} &raquo; <a href="{{.URL}}">{{.Name}}</a>{{end}}
				</div>
{{- end}}
{{.Main}}
			</div>
			<div class="col-md-3 col-sm-4 pane-right">
				<div class="box box-tb">
					<div class="box-header"><h3><a href="/thong-bao/">Thông báo mới</a></h3></div>
					<div class="box-content">
						<ul class="list-tb">
{{- range .Notices}}
							<li><img src="/images/icon-new.png" alt="" /> <a href="{{.URL}}">{{.Title}}</a></li>
{{- end}}
						</ul>
					</div>
				</div>
				<div class="box">
					<div class="box-header"><h3>Tin mới</h3></div>
					<div class="box-content">
						<ul class="list-news-small">
{{- range .Latest}}
							<li><a href="{{.URL}}">{{.Title}}</a> <span class="date">({{.Day}})</span></li>
{{- end}}
						</ul>
					</div>
				</div>
				<div class="adv">
					<a href="https://dichvucong.gov.vn/" target="_blank"><img src="/images/banner-dvc.png" alt="Cổng Dịch vụ công quốc gia" /></a>
					<a href="/van-ban/"><img src="/images/banner-van-ban.png" alt="Văn bản chỉ đạo điều hành" /></a>
				</div>
				<div class="module">
					<div class="module-title"><span>Liên kết website</span></div>
					<div class="module-body">
						<ul class="weblink">
							<li><a href="https://chinhphu.vn/" target="_blank">Cổng thông tin điện tử Chính phủ</a></li>
							<li><a href="https://www.molisa.gov.vn/" target="_blank">Bộ Lao động - Thương binh và Xã hội</a></li>
							<li><a href="https://www.soctrang.gov.vn/" target="_blank">Cổng thông tin điện tử tỉnh Sóc Trăng</a></li>
						</ul>
					</div>
				</div>
				<div class="module" id="mod-152">
					<div class="module-title"><span>Thống kê truy cập</span></div>
					<div class="module-body">
						<ul class="stats">
							<li><img src="/images/online.png" alt="" /> Đang online: 15</li>
							<li><img src="/images/today.png" alt="" /> Hôm nay: 73</li>
							<li><img src="/images/week.png" alt="" /> Trong tuần: 722</li>
							<li><img src="/images/total.png" alt="" /> Tất cả: 789499</li>
						</ul>
					</div>
				</div>
				<div class="portlet" id="p_87">
					<div class="portlet-title">Bình Chọn</div>
					<div class="portlet-body">
						<div class="question">Khả năng đáp ứng thông tin của Website</div>
						<ul class="answers">
							<li><input type="radio" name="rdPoll" id="rd1" value="1" /><label for="rd1">Rất tốt</label></li>
							<li><input type="radio" name="rdPoll" id="rd2" value="2" /><label for="rd2">Tốt</label></li>
							<li><input type="radio" name="rdPoll" id="rd3" value="3" /><label for="rd3">Bình thường</label></li>
							<li><input type="radio" name="rdPoll" id="rd4" value="4" /><label for="rd4">Chưa đáp ứng</label></li>
						</ul>
						<div class="buttons">
							<a class="btn btn-primary" href="javascript:__doPostBack('p_87$btnVote','')">Bình chọn</a> <a class="btn btn-default" href="javascript:void(0)" onclick="return showPollResult(87);">Xem kết quả</a>
						</div>
					</div>
				</div>
			</div>
		</div>
	</div>
	<div id="bottom" class="section-bottom">
		<div class="container">
			<div class="bottom-info">
				<p>2018 © Sở Lao Động - Thương binh và Xã hội tỉnh Sóc Trăng</p>
				<p>Địa Chỉ: Số 46, Lê Duẩn,  Phường 3, Thành phố Sóc Trăng, tỉnh Sóc Trăng</p>
				<p>Điện Thoại: 02993.827.104 fax 02993.822.581 - Email: soldtbxh@soctrang.gov.vn</p>
				<p>Ghi Rõ Nguồn "Sở Lao Động - Thương Binh xã Hội Tỉnh Sóc Trăng" Khi Phát Hành Lại Thông Tin Từ Website Này.</p>
			</div>
		</div>
	</div>
</div>
</form>
<script type="text/javascript">
	function showPollResult(id) { window.open("/Poll/Result.aspx?id=" + id, "poll", "width=500,height=400"); return false; }
</script>
</body>
</html>
{{end}}`
